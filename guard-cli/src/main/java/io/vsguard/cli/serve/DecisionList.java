package io.vsguard.cli.serve;

import io.vsguard.core.audit.AuditException;
import io.vsguard.core.audit.AuditRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads one page of the decisions list from the audit log: the page's decisions and whether there
 * are newer and older ones. This is the web view's only read of more than one record; it needs a
 * walk over the log from a sequence number that stops when told ({@link Log}), which is all it asks
 * of the store.
 */
final class DecisionList {
  /** A walk over the log's decisions from a sequence number: JsonlAuditStore#walk. */
  @FunctionalInterface
  interface Log {
    void walk(long from, boolean newestFirst, Predicate<AuditRecord> visitor) throws AuditException;
  }

  private DecisionList() {}

  static ListPage page(Log log, ListPage.Query q) throws AuditException {
    List<AuditRecord> rows;
    boolean newer;
    boolean older;
    if (q.after() != null) {
      List<AuditRecord> up = take(log, q.after(), false, q, q.size() + 1);
      newer = up.size() > q.size();
      rows = new ArrayList<>(up.subList(0, Math.min(q.size(), up.size())));
      Collections.reverse(rows);
      older = !take(log, above(q.after()), true, q, 1).isEmpty();
    } else {
      List<AuditRecord> down =
          take(log, q.before() == null ? Long.MAX_VALUE : q.before(), true, q, q.size() + 1);
      older = down.size() > q.size();
      rows = down.subList(0, Math.min(q.size(), down.size()));
      newer = q.before() != null && !take(log, q.before() - 1, false, q, 1).isEmpty();
    }
    // Past the page's newest and oldest rows; an empty page (a cursor beyond the last match) links
    // back to where it started.
    String newerLink =
        !newer ? null : q.link("after", rows.isEmpty() ? q.before() - 1 : rows.get(0).seq());
    String olderLink =
        !older
            ? null
            : q.link("before", rows.isEmpty() ? above(q.after()) : rows.get(rows.size() - 1).seq());
    return new ListPage(
        rows.stream().map(ListPage.Row::of).toList(),
        q.verdict(),
        q.q(),
        q.size(),
        shown(rows),
        newer ? q.link(null, 0) : null,
        newerLink,
        olderLink);
  }

  /**
   * The sequence number just above {@code seq}: a newest-first walk from it starts at {@code seq}.
   */
  private static long above(long seq) {
    return seq == Long.MAX_VALUE ? seq : seq + 1;
  }

  /** Up to {@code limit} matching decisions from {@code from} in the walk's direction. */
  private static List<AuditRecord> take(
      Log log, long from, boolean newestFirst, ListPage.Query q, int limit) throws AuditException {
    List<AuditRecord> out = new ArrayList<>();
    log.walk(
        from,
        newestFirst,
        r -> {
          if (q.matches(r)) {
            out.add(r);
          }
          return out.size() < limit;
        });
    return out;
  }

  private static String shown(List<AuditRecord> rows) {
    if (rows.isEmpty()) {
      return "0 decisions";
    }
    long first = rows.get(0).seq();
    long last = rows.get(rows.size() - 1).seq();
    return Fmt.count(rows.size(), "decision")
        + ", newest first: "
        + (first == last ? "record " + first : "records " + first + " to " + last);
  }
}
