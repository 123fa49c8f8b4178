package io.vsguard.core.audit;

import java.util.List;

/**
 * Where decisions are recorded. Implementations are safe to share between threads (a server handles
 * requests concurrently) and must make {@link #append} durable before it returns.
 */
public interface AuditStore {

  /**
   * Records a decision at the end of the chain and returns the sealed record. When this returns,
   * the record is on disk; when it throws, the decision must be treated as ERROR.
   */
  AuditRecord append(AuditEntry entry) throws AuditException;

  /** The records that match, oldest first. An absent log has no records. */
  List<AuditRecord> list(AuditQuery query) throws AuditException;

  /**
   * The records whose decision id starts with {@code idPrefix} (a full id is its own prefix),
   * oldest first: one means found, none means unknown, several means the prefix is ambiguous.
   */
  List<AuditRecord> find(String idPrefix) throws AuditException;

  /**
   * One page of matching decisions ({@link PageRequest}): what readers that face a growing log use
   * (the API, the web view), instead of {@link #list}, which returns every match.
   */
  AuditPage page(PageRequest request) throws AuditException;

  /** Walks the chain; reports the first record that does not verify. */
  Verification verify() throws AuditException;
}
