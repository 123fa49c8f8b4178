package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.TestServer.AUDITOR_TOKEN;
import static io.vsguard.cli.serve.TestServer.CI_TOKEN;
import static io.vsguard.cli.serve.TestServer.INCIDENT_INVENTORY;
import static io.vsguard.cli.serve.TestServer.INCIDENT_PLAN;
import static io.vsguard.cli.serve.TestServer.SAFE_PLAN;
import static io.vsguard.cli.serve.TestServer.body;
import static io.vsguard.cli.serve.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.audit.Verification;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.text.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on a free loopback port: auth, limits, verdicts, problem documents. */
class ServeApiTest {
  @TempDir Path dir;

  TestServer s;

  @BeforeEach
  void start() throws Exception {
    s = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  @Test
  void healthzNeedsNoToken() throws Exception {
    HttpResponse<String> r = s.get("/healthz", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("status").asText()).isEqualTo("ok");
    assertThat(s.server.baseUri().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void noTokenIs401WithBearerChallengeAndIsAudited() throws Exception {
    HttpResponse<String> r =
        s.post("/v1/checks", null, "application/json", body(INCIDENT_PLAN, INCIDENT_INVENTORY));
    assertProblem(r, 401, "unauthorized");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vsguard\"");

    List<JsonNode> lines = s.auditLines();
    assertThat(lines).hasSize(1);
    JsonNode denied = lines.get(0);
    assertThat(denied.at("/actor/type").asText()).isEqualTo("unauthenticated");
    assertThat(denied.at("/actor/name").asText()).isEqualTo("127.0.0.1");
    assertThat(denied.at("/accessDenied/method").asText()).isEqualTo("POST");
    assertThat(denied.at("/accessDenied/path").asText()).isEqualTo("/v1/checks");
    assertThat(denied.at("/accessDenied/reason").asText()).isEqualTo("missing-token");
    assertThat(denied.get("decision").isNull()).isTrue();
    assertThat(s.store.verify()).isInstanceOf(Verification.Intact.class);
    assertThat(s.store.list(io.vsguard.core.audit.AuditQuery.ALL))
        .as("no decision was made")
        .isEmpty();
  }

  @Test
  void withTheAuditKeyEveryRecordTheServerWritesIsSigned() throws Exception {
    s.close();
    io.vsguard.core.audit.AuditSigner key = io.vsguard.core.audit.AuditSigner.generate();
    TestServer.Builder b = TestServer.builder(dir);
    b.signer = key;
    s = TestServer.start(dir, b);
    assertThat(s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY)).statusCode()).isEqualTo(200);
    assertProblem(s.get("/v1/decisions", "wrong-token-0000000000000000"), 401, "unauthorized");

    assertThat(s.auditLines())
        .hasSize(2)
        .allMatch(l -> l.at("/signature/key").asText().equals(key.keyId()));
    Verification v =
        s.store.verify(
            new io.vsguard.core.audit.VerifyOptions(List.of(key.publicKey()), null, true));
    assertThat(v).isInstanceOf(Verification.Intact.class);
    assertThat(v.trail().signedRecords()).isEqualTo(2);
  }

  @Test
  void unknownOrMalformedTokensAre401AndTheTokenIsNeverRecorded() throws Exception {
    String wrong = "not-a-real-token-0000000000000000";
    assertProblem(s.get("/v1/decisions", wrong), 401, "unauthorized");
    HttpResponse<String> basic =
        s.http.send(
            java.net.http.HttpRequest.newBuilder(s.uri("/v1/decisions"))
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(basic, 401, "unauthorized");
    assertProblem(s.get("/v1/no-such-route", null), 401, "unauthorized");

    List<JsonNode> lines = s.auditLines();
    assertThat(lines)
        .extracting(l -> l.at("/accessDenied/reason").asText())
        .containsExactly("unknown-token", "malformed-authorization", "missing-token");
    String log = Files.readString(s.store.file());
    assertThat(log).doesNotContain(wrong).doesNotContain("dXNlcjpwYXNz").doesNotContain(CI_TOKEN);
    assertThat(s.store.verify().records()).isEqualTo(3);
  }

  @Test
  void theIncidentOverHttpIsTheCliDecision() throws Exception {
    Path cliLog = dir.resolve("cli-audit.jsonl");
    io.vsguard.cli.CliRun cli =
        io.vsguard.cli.CliRun.run(
            "check",
            "--plan",
            INCIDENT_PLAN.toString(),
            "--inventory",
            INCIDENT_INVENTORY.toString(),
            "--output",
            "json",
            "--audit-log",
            cliLog.toString());
    assertThat(cli.exit()).isEqualTo(1);
    JsonNode cliDecision = Json.json().readTree(cli.out());
    // The server decides at the CLI's instant, so time-dependent messages (window, snapshot age)
    // match too.
    Instant at = Instant.parse(cliDecision.get("timestamp").asText());
    s.close();
    TestServer.Builder b = TestServer.builder(dir);
    b.clock = Clock.fixed(at, ZoneOffset.UTC);
    s = TestServer.start(dir, b);

    HttpResponse<String> r = s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode d = json(r);
    assertThat(d.get("kind").asText()).isEqualTo("Decision");
    assertThat(d.get("verdict").asText())
        .isEqualTo("BLOCK")
        .isEqualTo(cliDecision.get("verdict").asText());
    assertThat(findings(d)).isEqualTo(findings(cliDecision));
    assertThat(findings(d)).anyMatch(f -> f.startsWith("lacp-direct-migration|esx-par-01|"));
    assertThat(d.get("suggestedRollout")).isEqualTo(cliDecision.get("suggestedRollout"));
    assertThat(d.get("policy")).isEqualTo(cliDecision.get("policy"));
    assertThat(d.get("decisionId").asText()).isNotEqualTo(cliDecision.get("decisionId").asText());
    assertThat(r.headers().firstValue("Location"))
        .hasValue("/v1/decisions/" + d.get("decisionId").asText());

    JsonNode record = s.auditLines().get(0);
    assertThat(record.at("/actor/type").asText()).isEqualTo("api-token");
    assertThat(record.at("/actor/name").asText()).isEqualTo("ci-pipeline");
    assertThat(record.at("/plan/ticket").asText()).isEqualTo("CHG0042");
    assertThat(record.at("/inventorySource/type").asText()).isEqualTo("api-request");
    assertThat(record.at("/decision/decisionId").asText()).isEqualTo(d.get("decisionId").asText());
  }

  @Test
  void planHashesCoverTheCanonicalJsonWhateverTheLayout() throws Exception {
    ObjectNode tree = TestServer.bodyTree(INCIDENT_PLAN, INCIDENT_INVENTORY);
    String compact = Json.json().writeValueAsString(tree);
    String pretty = Json.pretty(tree);
    JsonNode a = json(s.check(compact));
    JsonNode b = json(s.check(pretty));
    assertThat(a.at("/plan/sha256").asText()).hasSize(64).isEqualTo(b.at("/plan/sha256").asText());
    assertThat(a.at("/inventory/sha256").asText()).isEqualTo(b.at("/inventory/sha256").asText());
    String canonical = new String(CheckRequest.canonical(tree.get("plan")), StandardCharsets.UTF_8);
    assertThat(a.at("/plan/sha256").asText())
        .isEqualTo(io.vsguard.core.decision.Decisions.sha256(canonical));
  }

  @Test
  void theSafePlanPassesWithWarn() throws Exception {
    HttpResponse<String> r = s.check(body(SAFE_PLAN, INCIDENT_INVENTORY));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode d = json(r);
    assertThat(d.get("verdict").asText()).isEqualTo("WARN");
    assertThat(d.get("findings").findValuesAsText("rule")).containsOnly("stale-inventory");
  }

  @Test
  void anInvalidPlanIs400NamingTheField() throws Exception {
    ObjectNode tree = TestServer.bodyTree(INCIDENT_PLAN, INCIDENT_INVENTORY);
    ((ObjectNode) tree.at("/plan/spec/changes/0")).put("action", "migrate-host");
    HttpResponse<String> r = s.check(Json.json().writeValueAsString(tree));
    JsonNode p = assertProblem(r, 400, "invalid-input");
    assertThat(p.get("detail").asText())
        .startsWith("request.plan: spec.changes[0].action: 'migrate-host' is not valid");
    JsonNode e = p.get("errors").get(0);
    assertThat(e.get("document").asText()).isEqualTo("request.plan");
    assertThat(e.get("field").asText()).isEqualTo("spec.changes[0].action");
    assertThat(e.get("pointer").asText()).isEqualTo("/plan/spec/changes/0/action");
    assertThat(s.auditLines()).as("nothing was decided, nothing recorded").isEmpty();
  }

  @Test
  void aLoneSurrogateIs400NotAQuestionMarkInTheLog() throws Exception {
    String body =
        body(INCIDENT_PLAN, INCIDENT_INVENTORY).replace("\"CHG0042\"", "\"CHG0042\\ud83d\"");
    JsonNode p = assertProblem(s.check(body), 400, "invalid-input");
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("plan.metadata.ticket");
    assertThat(p.get("errors").get(0).get("pointer").asText()).isEqualTo("/plan/metadata/ticket");
    assertThat(p.get("detail").asText()).contains("lone surrogate");
    assertThat(s.auditLines()).as("nothing was decided, nothing recorded").isEmpty();
  }

  @Test
  void bodyShapeErrorsAre400() throws Exception {
    JsonNode p = assertProblem(s.check("{\"plan\": {\"apiVersion\": "), 400, "invalid-input");
    assertThat(p.get("detail").asText()).startsWith("request:1: invalid JSON");

    ObjectNode tree = TestServer.bodyTree(INCIDENT_PLAN, INCIDENT_INVENTORY);
    tree.put("policy", "permissive");
    tree.remove("inventory");
    p = assertProblem(s.check(Json.json().writeValueAsString(tree)), 400, "invalid-input");
    assertThat(p.get("errors"))
        .extracting(n -> n.get("field").asText())
        .containsExactly("policy", "inventory");
    assertThat(p.get("errors").get(0).get("detail").asText()).contains("vsguard serve --policy");

    tree = TestServer.bodyTree(INCIDENT_PLAN, INCIDENT_INVENTORY);
    tree.put("plan", Files.readString(INCIDENT_PLAN));
    p = assertProblem(s.check(Json.json().writeValueAsString(tree)), 400, "invalid-input");
    assertThat(p.get("detail").asText())
        .contains("request: plan: expected a ChangePlan as a JSON object, got a string");

    assertProblem(s.check("[1, 2]"), 400, "invalid-input");
  }

  @Test
  void nonJsonBodiesAre415() throws Exception {
    assertProblem(
        s.post("/v1/checks", CI_TOKEN, "text/yaml", Files.readString(INCIDENT_PLAN)),
        415,
        "unsupported-media-type");
    assertProblem(s.post("/v1/stages", CI_TOKEN, null, "{}"), 415, "unsupported-media-type");
    assertThat(s.check(body(SAFE_PLAN, INCIDENT_INVENTORY)).statusCode()).isEqualTo(200);
    assertThat(
            s.post(
                    "/v1/checks",
                    CI_TOKEN,
                    "application/json; charset=utf-8",
                    body(SAFE_PLAN, INCIDENT_INVENTORY))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void bodiesOverTheCapAre413() throws Exception {
    s.close();
    TestServer.Builder b = TestServer.builder(dir);
    b.maxBody = 4096;
    s = TestServer.start(dir, b);
    String big = body(INCIDENT_PLAN, INCIDENT_INVENTORY);
    assertThat(big.length()).isGreaterThan(4096);
    JsonNode p = assertProblem(s.check(big), 413, "payload-too-large");
    assertThat(p.get("detail").asText()).contains("4096 bytes");
    // a body without a declared length is cut off at the cap too
    HttpResponse<String> chunked =
        s.http.send(
            java.net.http.HttpRequest.newBuilder(s.uri("/v1/checks"))
                .header("Authorization", "Bearer " + CI_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(chunked, 413, "payload-too-large");
    assertThat(s.auditLines()).isEmpty();
  }

  @Test
  void decisionsAreListedAndFetchedFromTheAuditLog() throws Exception {
    String blockId =
        json(s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();
    String warnId = json(s.check(body(SAFE_PLAN, INCIDENT_INVENTORY))).get("decisionId").asText();

    JsonNode blocked = json(s.get("/v1/decisions?verdict=BLOCK", AUDITOR_TOKEN));
    assertThat(blocked.get("count").asInt()).isEqualTo(1);
    assertThat(blocked.get("decisions").get(0).at("/decision/decisionId").asText())
        .isEqualTo(blockId);
    assertThat(
            json(s.get("/v1/decisions?verdict=warn", AUDITOR_TOKEN))
                .get("decisions")
                .findValuesAsText("decisionId"))
        .containsExactly(warnId);
    assertThat(json(s.get("/v1/decisions", AUDITOR_TOKEN)).get("count").asInt()).isEqualTo(2);
    assertThat(
            json(s.get("/v1/decisions?rule=lacp-direct-migration", AUDITOR_TOKEN))
                .get("count")
                .asInt())
        .isEqualTo(1);
    assertThat(json(s.get("/v1/decisions?since=2999-01-01", AUDITOR_TOKEN)).get("count").asInt())
        .isZero();
    assertThat(
            json(s.get(
                    "/v1/decisions?since=2016-11-22T00:00:00Z&plan=CHG-2016-1122-01",
                    AUDITOR_TOKEN))
                .get("count")
                .asInt())
        .isEqualTo(1);

    HttpResponse<String> one = s.get("/v1/decisions/" + blockId, AUDITOR_TOKEN);
    assertThat(one.statusCode()).isEqualTo(200);
    JsonNode rec = json(one);
    assertThat(rec.at("/decision/verdict").asText()).isEqualTo("BLOCK");
    assertThat(rec.at("/actor/name").asText()).isEqualTo("ci-pipeline");
    assertThat(rec.get("sha256").asText()).hasSize(64);

    assertProblem(
        s.get("/v1/decisions/" + blockId.substring(0, 8), AUDITOR_TOKEN), 404, "not-found");
    assertProblem(
        s.get("/v1/decisions/00000000-0000-0000-0000-000000000000", AUDITOR_TOKEN),
        404,
        "not-found");
    assertProblem(s.get("/v1/decisions?verdict=MAYBE", AUDITOR_TOKEN), 400, "invalid-input");
    assertProblem(s.get("/v1/decisions?since=yesterday", AUDITOR_TOKEN), 400, "invalid-input");
    assertProblem(s.get("/v1/decisions?verdikt=BLOCK", AUDITOR_TOKEN), 400, "invalid-input");
    assertProblem(s.get("/v1/nothing-here", AUDITOR_TOKEN), 404, "not-found");
  }

  @Test
  void stageReturnsThePlanWithARolloutThatPasses() throws Exception {
    HttpResponse<String> r =
        s.post("/v1/stages", CI_TOKEN, "application/json", body(INCIDENT_PLAN, INCIDENT_INVENTORY));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode plan = json(r);
    assertThat(plan.get("kind").asText()).isEqualTo("ChangePlan");
    JsonNode waves = plan.at("/spec/rollout/waves");
    assertThat(waves.size()).isGreaterThan(1);
    assertThat(waves.get(0).get("hosts").size()).isEqualTo(1);

    ObjectNode again = Json.json().createObjectNode();
    again.set("plan", plan);
    again.set("inventory", Json.json().readTree(Files.readString(INCIDENT_INVENTORY)));
    JsonNode d = json(s.check(Json.json().writeValueAsString(again)));
    assertThat(d.get("verdict").asText()).isIn("ALLOW", "WARN");
  }

  @Test
  void aDecisionTheGuardCannotMakeIs503WithTheAuditedErrorDecision() throws Exception {
    s.close();
    TestServer.Builder b = TestServer.builder(dir);
    b.pack =
        PolicyLoader.read(
            "broken",
            List.of(
                new PolicyLoader.Source(
                    "broken.yaml",
                    """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata:
          name: broken
        spec:
          customRules:
            - id: reads-a-missing-field
              severity: block
              summary: Reads a field that no change has
              expression: change.nonexistent == 'x'
              message: never shown
        """
                        .getBytes(StandardCharsets.UTF_8))));
    s = TestServer.start(dir, b);
    JsonNode p =
        assertProblem(s.check(body(SAFE_PLAN, INCIDENT_INVENTORY)), 503, "cannot-evaluate");
    String id = p.get("decisionId").asText();
    assertThat(id).matches("[0-9a-f-]{36}");
    JsonNode rec = json(s.get("/v1/decisions/" + id, AUDITOR_TOKEN));
    assertThat(rec.at("/decision/verdict").asText()).isEqualTo("ERROR");
    assertThat(rec.at("/decision/error/message").asText()).isEqualTo(p.get("detail").asText());
  }

  @Test
  void aDecisionThatCannotBeRecordedDoesNotCount() throws Exception {
    s.close();
    TestServer.Builder b = TestServer.builder(dir);
    Path notAFile = dir.resolve("log-is-a-directory");
    Files.createDirectories(notAFile);
    b.auditLog = notAFile;
    s = TestServer.start(dir, b);
    JsonNode p =
        assertProblem(s.check(body(INCIDENT_PLAN, INCIDENT_INVENTORY)), 503, "audit-unavailable");
    assertThat(p.get("detail").asText()).startsWith("the decision (BLOCK) could not be recorded");
    assertProblem(s.get("/v1/decisions", AUDITOR_TOKEN), 503, "audit-unavailable");
  }

  @Test
  void concurrentChecksAreAllRecordedInOneIntactChain() throws Exception {
    String incident = body(INCIDENT_PLAN, INCIDENT_INVENTORY);
    String safe = body(SAFE_PLAN, INCIDENT_INVENTORY);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String b = i % 2 == 0 ? incident : safe;
        answers.add(pool.submit(() -> s.check(b)));
        answers.add(pool.submit(() -> s.get("/v1/decisions", null)));
      }
      int ok = 0;
      int denied = 0;
      for (Future<HttpResponse<String>> f : answers) {
        int status = f.get().statusCode();
        ok += status == 200 ? 1 : 0;
        denied += status == 401 ? 1 : 0;
      }
      assertThat(ok).isEqualTo(12);
      assertThat(denied).isEqualTo(12);
    } finally {
      pool.shutdownNow();
    }
    assertThat(s.store.verify()).isInstanceOf(Verification.Intact.class);
    assertThat(s.store.verify().records()).isEqualTo(24);
    assertThat(s.store.list(io.vsguard.core.audit.AuditQuery.ALL)).hasSize(12);
  }

  /**
   * rule|host|wave|step|message per finding: what a pipeline compares between the CLI and the API.
   */
  static List<String> findings(JsonNode decision) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : decision.get("findings")) {
      out.add(
          f.get("rule").asText()
              + "|"
              + f.at("/subject/host").asText("")
              + "|"
              + f.get("wave").asText("")
              + "|"
              + f.get("step").asText("")
              + "|"
              + f.get("severity").asText()
              + "|"
              + f.get("message").asText());
    }
    return out;
  }

  static JsonNode assertProblem(HttpResponse<String> r, int status, String type) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode p = json(r);
    assertThat(p.get("type").asText()).isEqualTo("urn:vsguard:problem:" + type);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    return p;
  }
}
