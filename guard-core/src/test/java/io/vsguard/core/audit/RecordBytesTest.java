package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.FindingsJson;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.text.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit append writes a record straight to UTF-8 bytes, and takes a decision's findings as the
 * command line wrote them ahead: both must be the very bytes the mapper's string gives, whatever
 * the findings hold (an emoji, a lone surrogate, a bidi override, control characters).
 */
class RecordBytesTest {
  @TempDir Path dir;

  private static final String AWKWARD =
      "esx-\uD83D\uDE00 \u202Eevil\u202C tab\t nl\n cr\r del\u007F c1\u0085 lone\uD800 low\uDC00"
          + " zw\u200B é ß 中";

  private static AuditEntry awkward() {
    AuditEntry base = Records.entry("CHG-\uD83D\uDE00", "lacp-direct-migration", Severity.BLOCK);
    Decision d = base.decision();
    List<Finding> findings = new ArrayList<>(d.findings());
    Finding f = findings.get(0);
    findings.add(
        new Finding(
            "management-connectivity",
            Severity.BLOCK,
            "c1",
            null,
            3,
            new Finding.Subject(AWKWARD, AWKWARD),
            AWKWARD,
            f.remediation(),
            f.reference(),
            null));
    Decision awkward =
        new Decision(
            d.apiVersion(),
            d.kind(),
            d.decisionId(),
            d.timestamp(),
            d.verdict(),
            d.plan(),
            d.inventory(),
            d.policy(),
            findings,
            d.suggestedRollout(),
            d.error(),
            d.engine());
    return new AuditEntry(
        base.actor(), base.plan(), base.inventorySource(), base.policy(), awkward);
  }

  /** The same entry, its findings written ahead: those very ones, or an equal copy. */
  private static AuditEntry ahead(AuditEntry e, boolean sameList) {
    List<Finding> findings = e.decision().findings();
    FindingsJson.Precomputed ahead =
        FindingsJson.Precomputed.of(sameList ? findings : List.copyOf(new ArrayList<>(findings)));
    return new AuditEntry(
        e.actor(), e.plan(), e.inventorySource(), e.policy(), e.decision(), ahead);
  }

  private static byte[] appendOne(Path log, AuditEntry e) throws Exception {
    Clock fixed = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    new JsonlAuditStore(log, fixed).append(e);
    return Files.readAllBytes(log);
  }

  @Test
  void theMappersStringAndTheBytesWrittenAreTheSame() throws Exception {
    Decision d = awkward().decision();
    assertThat(FindingsJson.writer(null).writeValueAsBytes(d))
        .isEqualTo(Json.json().writeValueAsString(d).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void findingsWrittenAheadGiveTheSameRecord() throws Exception {
    AuditEntry e = awkward();
    byte[] plain = appendOne(dir.resolve("plain.jsonl"), e);
    byte[] ahead = appendOne(dir.resolve("ahead.jsonl"), ahead(e, true));
    assertThat(new String(ahead, StandardCharsets.UTF_8))
        .isEqualTo(new String(plain, StandardCharsets.UTF_8));
    assertThat(ahead).isEqualTo(plain);
    assertThat(new String(plain, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT))
        .contains("\\u202e", "\\ud83d", "\\ud800");
  }

  @Test
  void findingsWrittenAheadOfAnotherListAreNotUsed() {
    assertThat(ahead(awkward(), true).findingsJson()).isNotNull();
    assertThat(ahead(awkward(), false).findingsJson()).isNull();
  }

  @Test
  void aPrecomputedListIsWrittenAsItsTextOnlyForThatList() throws Exception {
    Decision d = awkward().decision();
    FindingsJson.Precomputed ahead = FindingsJson.Precomputed.of(d.findings());
    assertThat(ahead.of(d)).isTrue();
    Decision other =
        new Decision(
            d.apiVersion(),
            d.kind(),
            d.decisionId(),
            d.timestamp(),
            d.verdict(),
            d.plan(),
            d.inventory(),
            d.policy(),
            List.of(d.findings().get(0)),
            d.suggestedRollout(),
            d.error(),
            d.engine());
    assertThat(ahead.of(other)).isFalse();
    // The writer given another list's JSON writes this decision's own findings.
    assertThat(FindingsJson.writer(ahead).writeValueAsString(other))
        .isEqualTo(Json.json().writeValueAsString(other));
  }
}
