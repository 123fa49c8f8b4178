package io.vsguard.core.audit;

/**
 * The audit log could not be written or read. A decision whose record cannot be written must be
 * reported as ERROR: nothing passes unaudited.
 */
public final class AuditException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
