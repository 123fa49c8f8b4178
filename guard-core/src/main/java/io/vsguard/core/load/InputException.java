package io.vsguard.core.load;

/**
 * A document that is not well-formed: the message names the file, the line or field path and what
 * was expected. The CLI turns it into exit code 2.
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String path;
  private final int line;

  public InputException(String file, String path, int line, String message) {
    super(format(file, path, line, message));
    this.file = file;
    this.path = path;
    this.line = line;
  }

  private static String format(String file, String path, int line, String message) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (path != null && !path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }

  public String file() {
    return file;
  }

  /**
   * The field path in the document, e.g. {@code spec.changes[0].action}; empty for syntax errors.
   */
  public String path() {
    return path;
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }
}
