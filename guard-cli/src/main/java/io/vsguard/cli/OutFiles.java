package io.vsguard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code --out FILE}: written whole or not at all. The text goes to a new file beside the target,
 * is forced to disk, and is renamed over the target; a crash, a full disk or a kill in the middle
 * leaves the previous file as it was (and at worst a hidden {@code .NAME.*.tmp} beside it, never a
 * truncated staged plan or inventory under the name people use).
 */
final class OutFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private OutFiles() {}

  /** Writes text through the terminal edge (a runbook, a staged plan: text people open). */
  static void writeText(Path target, String text) throws IOException {
    write(
        target,
        out -> {
          Writer w =
              TerminalOutput.wrap(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
          w.write(text);
          w.flush();
        });
  }

  static void writeBytes(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void write(Path target, Body body) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    byte[] r = new byte[6];
    RANDOM.nextBytes(r);
    Path tmp = dir.resolve("." + abs.getFileName() + "." + HexFormat.of().formatHex(r) + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(ch);
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      keepPermissions(abs, tmp);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // directories cannot be opened on this platform; the rename is as durable as it gets
    }
  }

  /** A file that was there keeps its mode: replacing a plan does not open it to others. */
  private static void keepPermissions(Path target, Path tmp) throws IOException {
    PosixFileAttributeView was = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    if (was != null && Files.exists(target)) {
      Files.setPosixFilePermissions(tmp, was.readAttributes().permissions());
    }
  }
}
