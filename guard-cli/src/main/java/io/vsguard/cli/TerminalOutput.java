package io.vsguard.cli;

import io.vsguard.core.text.SafeText;
import io.vsguard.core.text.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The command line's stdout and stderr. Every character written goes through {@link SafeText} at
 * this one edge: whatever a report, a table, a CSV row or an error message puts together from
 * plans, inventories, policies and the audit log, a terminal never receives an escape sequence or a
 * bidi override from it, only their visible spelling ({@code \\u001B}). Line breaks and tabs pass;
 * a carriage return passes only as part of CRLF (the CSV export's line end). Known secrets ({@link
 * Secrets}) are taken out at the same edge.
 *
 * <p>Text is held until a line ends (or the writer is flushed), so an escape sequence split over
 * two writes is still seen whole.
 */
final class TerminalOutput extends PrintWriter {
  private final Edge edge;

  private TerminalOutput(Edge edge) {
    super(edge, true);
    this.edge = edge;
  }

  /** {@code w} behind the edge (once: wrapping twice changes nothing). */
  static PrintWriter wrap(PrintWriter w) {
    return w instanceof TerminalOutput ? w : new TerminalOutput(new Edge(w));
  }

  /** A file's writer behind the same edge (stage --out, the runbook). */
  static Writer wrap(Writer w) {
    return new Edge(w);
  }

  /**
   * Moves a progress line back to the start of the line: the one control character vsguard itself
   * sends, and only to a terminal.
   */
  static void carriageReturn(PrintWriter w) {
    if (w instanceof TerminalOutput t) {
      t.flush();
      t.edge.raw('\r');
    } else {
      w.print('\r');
    }
  }

  /** The writer that escapes; it holds an unfinished line until its end or a flush. */
  static final class Edge extends Writer {
    private static final int HOLD_MAX = 64 * 1024;
    private final Writer out;
    private final StringBuilder pending = new StringBuilder();

    Edge(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      synchronized (lock) {
        pending.append(cbuf, off, len);
        int nl = pending.lastIndexOf("\n");
        if (nl >= 0) {
          emit(nl + 1);
        } else if (pending.length() > HOLD_MAX) {
          // a very long line: let most of it through, keeping a possible pair (CRLF, surrogates)
          // whole
          emit(pending.length() - 1);
        }
      }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      synchronized (lock) {
        write(str.toCharArray(), off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (lock) {
        emit(pending.length());
        out.flush();
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (lock) {
        flush();
        out.close();
      }
    }

    void raw(char c) {
      synchronized (lock) {
        try {
          out.write(c);
          out.flush();
        } catch (IOException e) {
          // stderr gone: nothing to show the progress on
        }
      }
    }

    private void emit(int upTo) throws IOException {
      if (upTo == 0) {
        return;
      }
      String text = pending.substring(0, upTo);
      pending.delete(0, upTo);
      out.write(SafeText.escape(Secrets.scrub(text)));
    }
  }
}
