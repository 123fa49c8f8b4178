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
 * stdout. A file that cannot be written is an input error naming it, on every command alike.
 */
final class OutOption {
  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path file;

  boolean given() {
    return file != null;
  }

  /** Writes {@code text} to FILE, or to {@code stdout} without {@code --out}. */
  void write(String text, PrintWriter stdout) throws InputException {
    if (file == null) {
      stdout.print(text);
      stdout.flush();
      return;
    }
    try {
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new InputException(file.toString(), "", 0, "cannot write: no such directory");
    } catch (AccessDeniedException e) {
      throw new InputException(file.toString(), "", 0, "cannot write: permission denied");
    } catch (FileSystemException e) {
      throw new InputException(file.toString(), "", 0, "cannot write: "
          + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()));
    } catch (IOException e) {
      throw new InputException(file.toString(), "", 0, "cannot write: " + e.getMessage());
    }
  }
}
