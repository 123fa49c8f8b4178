package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.TestServer.AUDITOR_TOKEN;
import static io.vsguard.cli.serve.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.audit.AuditEntry;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Severity;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 6: GET /v1/decisions returned the whole log (a 107 MB log gave a 149 MB answer,
 * six readers took 7 GB). It now answers one page at a time, with a cursor by sequence number.
 */
class ServePagingTest {
  static final int DECISIONS = 250;

  @TempDir Path dir;

  TestServer s;

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
    for (int i = 1; i <= DECISIONS; i++) {
      s.store.append(entry("CHG-" + i, i % 5 == 0 ? Severity.BLOCK : Severity.WARN));
      if (i % 50 == 0) {
        s.store.appendAccessDenied(
            AuditRecord.Actor.unauthenticated("192.0.2.1"),
            new AuditRecord.AccessDenied(
                "GET", "/v1/decisions", AuditRecord.AccessDenied.MISSING_TOKEN));
      }
    }
  }

  @AfterEach
  void stop() {
    s.close();
  }

  static AuditEntry entry(String planId, Severity severity) {
    Finding f =
        new Finding(
            severity == Severity.BLOCK ? "lacp-direct-migration" : "stale-inventory",
            severity,
            "c1",
            null,
            null,
            new Finding.Subject("DVS-LACP-Prod", "esx-par-01"),
            "a finding",
            "a fix",
            "ref",
            null);
    Decision d =
        Decisions.of(
            List.of(f),
            new Decision.PlanRef(planId, "a".repeat(64)),
            new Decision.InventoryRef(
                Instant.parse("2016-11-22T10:30:00Z"), "file", "b".repeat(64)),
            new Decision.PolicyRef("default", "c".repeat(64)),
            null,
            Instant.parse("2026-11-24T18:00:00Z"));
    return new AuditEntry(
        AuditRecord.Actor.apiToken("ci-pipeline"),
        new AuditRecord.PlanInfo(planId, "t", "CHG1", "ops"),
        new AuditRecord.InventorySource("api-request", "POST /v1/checks"),
        new AuditRecord.PolicyInfo("default", "c".repeat(64), "test"),
        d);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = s.get(path, AUDITOR_TOKEN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private static List<String> planIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("decisions").forEach(d -> ids.add(d.at("/plan/id").asText()));
    return ids;
  }

  @Test
  void theListIsPagedByDefaultAndTheCursorWalksTheWholeLog() throws Exception {
    JsonNode first = get("/v1/decisions");
    assertThat(first.get("count").asInt()).isEqualTo(100);
    assertThat(planIds(first)).startsWith("CHG-1", "CHG-2").endsWith("CHG-100");
    String next = first.get("next").asText();
    assertThat(next).startsWith("/v1/decisions?").contains("after=");

    List<String> all = new ArrayList<>(planIds(first));
    JsonNode page = first;
    while (!page.get("next").isNull()) {
      page = get(page.get("next").asText());
      all.addAll(planIds(page));
    }
    assertThat(all).hasSize(DECISIONS).doesNotHaveDuplicates();
    assertThat(all.get(DECISIONS - 1)).isEqualTo("CHG-" + DECISIONS);
  }

  @Test
  void pagesKeepTheFiltersAndCanGoNewestFirst() throws Exception {
    JsonNode blocked = get("/v1/decisions?verdict=BLOCK&limit=20");
    assertThat(planIds(blocked))
        .hasSize(20)
        .allMatch(id -> Integer.parseInt(id.substring(4)) % 5 == 0);
    JsonNode second = get(blocked.get("next").asText());
    assertThat(planIds(second))
        .as("the next link keeps the filter and the limit")
        .hasSize(20)
        .allMatch(id -> Integer.parseInt(id.substring(4)) % 5 == 0);
    JsonNode rest = get(second.get("next").asText());
    assertThat(planIds(rest)).hasSize(DECISIONS / 5 - 40);
    assertThat(rest.get("next").isNull()).isTrue();

    JsonNode newest = get("/v1/decisions?order=newest&limit=3");
    assertThat(planIds(newest)).containsExactly("CHG-250", "CHG-249", "CHG-248");
    assertThat(planIds(get(newest.get("next").asText()))).startsWith("CHG-247", "CHG-246");
  }

  @Test
  void pageSizeIsBounded() throws Exception {
    assertThat(
            ServeApiTest.assertProblem(
                    s.get("/v1/decisions?limit=100000", AUDITOR_TOKEN), 400, "invalid-input")
                .get("detail")
                .asText())
        .contains("limit", "1000");
    ServeApiTest.assertProblem(s.get("/v1/decisions?limit=0", AUDITOR_TOKEN), 400, "invalid-input");
    ServeApiTest.assertProblem(
        s.get("/v1/decisions?after=-1", AUDITOR_TOKEN), 400, "invalid-input");
    ServeApiTest.assertProblem(
        s.get("/v1/decisions?after=3&before=9", AUDITOR_TOKEN), 400, "invalid-input");
    assertThat(get("/v1/decisions?limit=1000").get("count").asInt()).isEqualTo(DECISIONS);
  }
}
