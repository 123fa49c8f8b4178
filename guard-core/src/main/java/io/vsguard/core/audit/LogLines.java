package io.vsguard.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reading the log's lines from its file, forward from a line start or backward from the end,
 * without a lock (the store's snapshot says where the complete lines end) and without holding more
 * than one line and one block in memory.
 */
final class LogLines {
  static final int CHUNK = 8192;
  static final int READ_CHUNK = 256 * 1024;
  private static final String SEQ_PREFIX = "{\"seq\":";

  private LogLines() {}

  /** The seq a line states first ({@code {"seq":N,}), read without parsing the record; -1 if it does not. */
  static long seqOf(CharSequence line) {
    int i = SEQ_PREFIX.length();
    if (line.length() <= i || !line.subSequence(0, i).toString().equals(SEQ_PREFIX)) {
      return -1;
    }
    long n = 0;
    int start = i;
    while (i < line.length() && i - start < 18 && Character.isDigit(line.charAt(i))) {
      n = n * 10 + (line.charAt(i) - '0');
      i++;
    }
    return i == start ? -1 : n;
  }

  /**
   * Reads the lines of {@code [0, end)} from the last to the first ({@code end} just after a
   * newline), without the lock; lines whose seq is {@code skipFrom} or more are passed over without
   * being decoded. Stops when the visitor returns false.
   */
  static void backward(Path file, long end, long skipFrom, LineVisitor visitor)
      throws AuditException {
    if (end <= 0) {
      return; // an empty or absent log has no line to read
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] block = new byte[0];
      long blockStart = end;
      long lineEnd = end - 1;
      while (lineEnd >= 0) {
        long nl = -1;
        long p = lineEnd - 1;
        search:
        while (p >= 0) {
          if (p < blockStart || p >= blockStart + block.length) {
            long from = Math.max(0, p + 1 - READ_CHUNK);
            block = readRange(ch, from, p + 1);
            blockStart = from;
          }
          for (int i = (int) (p - blockStart); i >= 0; i--) {
            if (block[i] == '\n') {
              nl = blockStart + i;
              break search;
            }
          }
          p = blockStart - 1;
        }
        long start = nl + 1;
        String head =
            new String(
                slice(ch, block, blockStart, start, Math.min(lineEnd, start + 32)),
                StandardCharsets.UTF_8);
        long seq = seqOf(head);
        if (seq < 0 || seq < skipFrom) {
          String line =
              new String(slice(ch, block, blockStart, start, lineEnd), StandardCharsets.UTF_8);
          if (!visitor.line(seq, line)) {
            return;
          }
        }
        lineEnd = nl;
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AuditException("the audit log " + file + " disappeared while it was read");
    } catch (IOException e) {
      throw new AuditException(
          "cannot read the audit log " + file + ": " + JsonlAuditStore.describe(e), e);
    }
  }

  /** The bytes {@code [from, to)}, from the cached block when it holds them, else from the file. */
  static byte[] slice(FileChannel ch, byte[] block, long blockStart, long from, long to)
      throws IOException {
    if (from >= blockStart && to <= blockStart + block.length) {
      return java.util.Arrays.copyOfRange(
          block, (int) (from - blockStart), (int) (to - blockStart));
    }
    return readRange(ch, from, to);
  }

  /** Receives each line (without its newline) and its seq; returns false to stop. */
  interface LineVisitor {
    boolean line(long seq, String line) throws AuditException;
  }

  /**
   * Reads the lines in {@code [from, to)} without the lock: {@code from} is a line start with
   * {@code linesBefore} lines before it, so each line is handed on with its number in the file (its
   * seq); lines numbered {@code skip} or less are counted but not decoded. Returns the number of
   * the last line counted (where the visitor stopped, or the last one).
   */
  static long forward(
      Path file, long from, long linesBefore, long to, long skip, LineVisitor visitor)
      throws AuditException {
    if (to <= from) {
      return linesBefore;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(READ_CHUNK, to - from));
      byte[] partial = new byte[0];
      int partialLen = 0;
      long pos = from;
      long seq = linesBefore;
      while (pos < to) {
        buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw new AuditException(
              "the audit log " + file + " shrank while it was read; run vsguard audit verify");
        }
        byte[] a = buf.array();
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (a[i] != '\n') {
            continue;
          }
          seq++;
          if (seq > skip) {
            String line;
            if (partialLen == 0) {
              line = new String(a, start, i - start, StandardCharsets.UTF_8);
            } else {
              partial = append(partial, partialLen, a, start, i - start);
              line = new String(partial, 0, partialLen + i - start, StandardCharsets.UTF_8);
            }
            if (!visitor.line(seq, line)) {
              return seq;
            }
          }
          partialLen = 0;
          start = i + 1;
        }
        if (start < n) {
          if (seq + 1 > skip) {
            partial = append(partial, partialLen, a, start, n - start);
          }
          partialLen += n - start;
        }
        pos += n;
      }
      return seq;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AuditException("the audit log " + file + " disappeared while it was read");
    } catch (IOException e) {
      throw new AuditException(
          "cannot read the audit log " + file + ": " + JsonlAuditStore.describe(e), e);
    }
  }

  static byte[] append(byte[] to, int len, byte[] from, int start, int n) {
    byte[] out =
        to.length >= len + n ? to : java.util.Arrays.copyOf(to, Math.max(len + n, to.length * 2));
    System.arraycopy(from, start, out, len, n);
    return out;
  }

  /** Whether {@code needle} occurs in the first {@code end} bytes. */
  static boolean contains(FileChannel ch, long end, byte[] needle) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(READ_CHUNK);
    long pos = 0;
    while (pos < end) {
      buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return false;
      }
      byte[] a = buf.array();
      outer:
      for (int i = 0; i + needle.length <= n; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (a[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      // step back so a needle across two chunks is still found
      pos += n < buf.capacity() ? n : n - needle.length + 1;
    }
    return false;
  }

  /** The position of the last '\n' before {@code end}, or -1. */
  static long lastNewline(FileChannel ch, long end) throws IOException {
    long pos = end;
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    while (pos > 0) {
      int n = (int) Math.min(CHUNK, pos);
      long from = pos - n;
      buf.clear().limit(n);
      while (buf.hasRemaining()) {
        if (ch.read(buf, from + buf.position()) < 0) {
          throw new IOException("the file shrank while it was locked");
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return from + i;
        }
      }
      pos = from;
    }
    return -1;
  }

  static byte[] readRange(FileChannel ch, long from, long to) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
    while (buf.hasRemaining()) {
      if (ch.read(buf, from + buf.position()) < 0) {
        throw new IOException("the file shrank while it was locked");
      }
    }
    return buf.array();
  }
}
