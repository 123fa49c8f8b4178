package io.vsguard.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.text.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsJsonTest {
  private static Decision decision() {
    Finding f =
        new Finding(
            "lacp-direct-migration",
            Severity.BLOCK,
            "c1",
            null,
            2,
            new Finding.Subject("DVS-LACP-Prod", "esx-01"),
            "pnic vmnic0 moves straight off the LACP switch",
            "stage it",
            "KB 321425",
            null);
    return Decisions.of(
        List.of(f),
        new Decision.PlanRef("CHG-1", "a".repeat(64)),
        new Decision.InventoryRef(Instant.parse("2016-11-22T10:30:00Z"), "file", "b".repeat(64)),
        new Decision.PolicyRef("default", "c".repeat(64)),
        null,
        Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void theWriterTakesTheTextWrittenAheadForThatVeryList() throws Exception {
    Decision d = decision();
    FindingsJson.Precomputed marked = FindingsJson.Precomputed.ofText(d.findings(), "[\"ahead\"]");
    String bytes =
        new String(FindingsJson.writer(marked).writeValueAsBytes(d), StandardCharsets.UTF_8);
    assertThat(bytes).contains("\"findings\":[\"ahead\"]");
    assertThat(FindingsJson.writer(marked).writeValueAsString(d))
        .contains("\"findings\":[\"ahead\"]");
  }

  @Test
  void anEqualListIsWrittenAsItself() throws Exception {
    Decision d = decision();
    FindingsJson.Precomputed marked =
        FindingsJson.Precomputed.ofText(List.copyOf(new ArrayList<>(d.findings())), "[]");
    assertThat(FindingsJson.writer(marked).writeValueAsString(d))
        .isEqualTo(Json.json().writeValueAsString(d))
        .contains("lacp-direct-migration");
  }

  @Test
  void writtenAheadIsWhatTheMapperWrites() throws Exception {
    Decision d = decision();
    String whole = Json.json().writeValueAsString(d);
    assertThat(FindingsJson.writer(FindingsJson.Precomputed.of(d.findings())).writeValueAsString(d))
        .isEqualTo(whole);
    assertThat(Json.pretty(d)).contains("\"findings\" : [");
  }
}
