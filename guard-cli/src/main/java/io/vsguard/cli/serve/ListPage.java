package io.vsguard.cli.serve;

import io.vsguard.cli.DecisionSummary;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.decision.Verdict;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One page of the decisions list: at most {@link #MAX_SIZE} decisions, newest first, and the links
 * to the newer and older pages. A page is addressed by a cursor on the records' sequence numbers
 * ({@code before=SEQ}: the newest matches older than SEQ; {@code after=SEQ}: the oldest matches
 * newer than SEQ), so a page stays put while decisions are being recorded.
 *
 * @param shown what the page holds, in words
 * @param newest the first page (the newest decisions), null when this is it
 * @param newer the page of newer decisions, null when there is none
 * @param older the page of older decisions, null when there is none
 */
record ListPage(
    List<Row> rows,
    Verdict verdict,
    String q,
    int size,
    String shown,
    String newest,
    String newer,
    String older) {
  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 200;

  /** Longer searches are refused: no plan id, ticket or rule id is this long. */
  static final int MAX_QUERY = 200;

  static final String PATH = "/ui/";

  ListPage {
    rows = List.copyOf(rows);
  }

  /** One decision's line. */
  record Row(
      AuditRecord record,
      String planId,
      String href,
      String title,
      String ticket,
      String requestedBy,
      DecisionSummary.Tally tally) {
    static Row of(AuditRecord r) {
      AuditRecord.PlanInfo p = r.plan();
      return new Row(
          r,
          DecisionPage.planId(r),
          "/ui/decisions/" + segment(r.id()),
          p == null ? null : p.title(),
          p == null ? null : p.ticket(),
          p == null ? null : p.requestedBy(),
          DecisionSummary.Tally.of(r.decision().findings()));
    }
  }

  boolean filtered() {
    return verdict != null || !q.isEmpty();
  }

  /**
   * What the address asks for. Every parameter is optional; one that is there must be valid, so a
   * mistyped address is answered with what was wrong rather than with another page.
   */
  record Query(Verdict verdict, String q, Long before, Long after, int size) {
    private static final Set<String> NAMES = Set.of("verdict", "q", "before", "after", "size");

    /** A query parameter the web view cannot use, in words for the page. */
    static final class Invalid extends Exception {
      Invalid(String message) {
        super(message, null, false, false);
      }
    }

    static Query parse(Map<String, List<String>> params) throws Invalid {
      for (Map.Entry<String, List<String>> e : params.entrySet()) {
        if (!NAMES.contains(e.getKey())) {
          throw new Invalid(
              "unknown query parameter "
                  + quote(e.getKey())
                  + "; expected verdict, q, before, after"
                  + " or size");
        }
        if (e.getValue().size() > 1) {
          throw new Invalid(
              "query parameter "
                  + e.getKey()
                  + " is given "
                  + e.getValue().size()
                  + " times; give it once");
        }
      }
      String q = one(params, "q");
      q = q == null ? "" : q.strip();
      if (q.length() > MAX_QUERY) {
        throw new Invalid(
            "query parameter q: at most " + MAX_QUERY + " characters, got " + q.length());
      }
      Long before = seq(params, "before", 1);
      Long after = seq(params, "after", 0);
      if (before != null && after != null) {
        throw new Invalid("query parameters before and after: give one of them, not both");
      }
      String size = one(params, "size");
      int n = DEFAULT_SIZE;
      if (size != null && !size.isBlank()) {
        try {
          n = Integer.parseInt(size.strip());
        } catch (NumberFormatException e) {
          n = -1;
        }
        if (n < 1 || n > MAX_SIZE) {
          throw new Invalid(
              "query parameter size: expected a whole number from 1 to "
                  + MAX_SIZE
                  + ", got "
                  + quote(size));
        }
      }
      return new Query(verdict(one(params, "verdict")), q, before, after, n);
    }

    boolean matches(AuditRecord r) {
      return (verdict == null || r.decision().verdict() == verdict) && WebView.matches(r, q);
    }

    private static String one(Map<String, List<String>> params, String name) {
      List<String> v = params.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Verdict verdict(String text) throws Invalid {
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return Verdict.valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new Invalid(
            "query parameter verdict: expected ALLOW, WARN, BLOCK or ERROR, got " + quote(text));
      }
    }

    /** A cursor: after=0 is before the first record, before=1 the first record itself. */
    private static Long seq(Map<String, List<String>> params, String name, long min)
        throws Invalid {
      String text = one(params, name);
      if (text == null || text.isBlank()) {
        return null;
      }
      long n;
      try {
        n = Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < min) {
        throw new Invalid(
            "query parameter "
                + name
                + ": expected a record number ("
                + min
                + " or more), got "
                + quote(text));
      }
      return n;
    }

    /** The value as the page repeats it: quoted, and cut short when long. */
    private static String quote(String s) {
      return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }

    /**
     * The address of a page of the same filter and size, from a cursor ("before", 12) or the first
     * page.
     */
    String link(String cursor, long seq) {
      List<String> parts = new ArrayList<>();
      if (verdict != null) {
        parts.add("verdict=" + verdict);
      }
      if (!q.isEmpty()) {
        parts.add("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      }
      if (cursor != null) {
        parts.add(cursor + "=" + seq);
      }
      if (size != DEFAULT_SIZE) {
        parts.add("size=" + size);
      }
      return parts.isEmpty() ? PATH : PATH + "?" + String.join("&", parts);
    }
  }

  /** A path segment for a link: decision ids are UUIDs, anything else is percent-encoded. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
