package io.vsguard.core.audit;

/**
 * One page of decisions: those matching {@code query}, in {@code order}, after a cursor.
 *
 * <p>The cursor is a record's seq and is exclusive: oldest first, the page holds records with a seq
 * above it (0: from the first record); newest first, records with a seq below it ({@link
 * #FROM_END}: from the last record). A page ends after {@code limit} records, or after the record
 * that brings it to {@code maxBytes} of log lines, whichever comes first; its {@link
 * AuditPage#next()} is then the cursor of the page after it. Seqs never change, so a cursor stays
 * valid while the log grows.
 */
public record PageRequest(AuditQuery query, Order order, long cursor, int limit, long maxBytes) {
  public enum Order {
    OLDEST_FIRST,
    NEWEST_FIRST
  }

  public static final long FROM_END = Long.MAX_VALUE;
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** Log bytes per page, so a page of very large decisions stays a bounded answer. */
  public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "a page holds 1 to " + MAX_LIMIT + " records, not " + limit);
    }
    if (cursor < 0) {
      throw new IllegalArgumentException("a cursor is a record's seq, 0 or more");
    }
    query = query == null ? AuditQuery.ALL : query;
  }

  /** The first page, oldest first. */
  public static PageRequest oldestFirst(AuditQuery query, int limit) {
    return new PageRequest(query, Order.OLDEST_FIRST, 0, limit, DEFAULT_MAX_BYTES);
  }

  /** The first page, newest first (what the web view shows). */
  public static PageRequest newestFirst(AuditQuery query, int limit) {
    return new PageRequest(query, Order.NEWEST_FIRST, FROM_END, limit, DEFAULT_MAX_BYTES);
  }

  /** The same request at another cursor ({@link AuditPage#next()}). */
  public PageRequest at(long newCursor) {
    return new PageRequest(query, order, newCursor, limit, maxBytes);
  }

  boolean before(long seq) {
    return order == Order.OLDEST_FIRST ? seq <= cursor : seq >= cursor;
  }
}
