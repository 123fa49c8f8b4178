package io.vsguard.cli;

import io.vsguard.core.load.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out FILE}, shared by stage and inventory export: the document goes to FILE instead of
 * stdout, written whole or not at all ({@link OutFiles}). A file that cannot be written is an input
 * error naming it, on every command alike, and the previous file is left as it was.
 */
final class OutOption {
  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path file;

  boolean given() {
    return file != null;
  }

  /**
   * Writes {@code text} (through the terminal edge) to FILE, or to {@code stdout} without {@code
   * --out}.
   */
  void write(String text, PrintWriter stdout) throws InputException {
    if (file == null) {
      stdout.print(text);
      stdout.flush();
      return;
    }
    try {
      OutFiles.writeText(file, text);
    } catch (IOException e) {
      throw cannotWrite(e);
    }
  }

  /** Writes a document's bytes as they are (a captured inventory) to FILE, or to {@code stdout}. */
  void writeBytes(byte[] bytes, PrintWriter stdout) throws InputException {
    if (file == null) {
      stdout.print(new String(bytes, StandardCharsets.UTF_8));
      stdout.flush();
      return;
    }
    try {
      OutFiles.writeBytes(file, bytes);
    } catch (IOException e) {
      throw cannotWrite(e);
    }
  }

  private InputException cannotWrite(IOException e) {
    String why;
    if (e instanceof NoSuchFileException) {
      why = "no such directory";
    } else if (e instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      why = f.getReason();
    } else {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new InputException(
        file.toString(),
        "",
        0,
        "cannot write: "
            + why
            + (Files.exists(file) ? "; the previous " + file + " is unchanged" : ""));
  }
}
