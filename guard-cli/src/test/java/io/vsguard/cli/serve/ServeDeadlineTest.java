package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.ServeApiTest.assertProblem;
import static io.vsguard.cli.serve.TestServer.INCIDENT_INVENTORY;
import static io.vsguard.cli.serve.TestServer.INCIDENT_PLAN;
import static io.vsguard.cli.serve.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.text.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every POST /v1/checks and /v1/stages is evaluated under the server's deadline. A site large
 * enough to take a while is cut short: the check's ERROR decision is recorded and answered 503
 * cannot-evaluate, the stage offers nothing; the request's thread is back as soon as the engine
 * sees the deadline, between its steps.
 */
class ServeDeadlineTest {
  /**
   * The incident's site grown to this many hosts, every one of them moving off the LACP switch at
   * once.
   */
  static final int HOSTS = 2_000;

  static String body;

  @TempDir Path dir;

  @BeforeAll
  static void generate() throws Exception {
    ObjectNode b = Json.json().createObjectNode();
    JsonNode plan = Json.yaml().readTree(Files.readString(INCIDENT_PLAN));
    ((ObjectNode) plan.at("/spec/changes/0")).set("hosts", Json.json().readTree("{\"all\": true}"));
    b.set("plan", plan);
    b.set("inventory", grown(Json.json().readTree(Files.readString(INCIDENT_INVENTORY)), HOSTS));
    body = Json.json().writeValueAsString(b);
  }

  /**
   * The snapshot with {@code n} hosts like its first one, in clusters of 32, each a member of every
   * switch as that host is; vCenter runs on the first.
   */
  static ObjectNode grown(JsonNode incident, int n) {
    ObjectNode inv = incident.deepCopy();
    JsonNode host = incident.at("/hosts/0");
    JsonNode cluster = incident.at("/clusters/0");
    ArrayNode hosts = inv.putArray("hosts");
    ArrayNode clusters = inv.putArray("clusters");
    ObjectNode current = null;
    for (int i = 0; i < n; i++) {
      String name = String.format("esx-%05d", i);
      if (i % 32 == 0) {
        current = cluster.deepCopy();
        current.put("name", "cl-" + i / 32);
        current.putArray("hosts");
        clusters.add(current);
      }
      ((ArrayNode) current.get("hosts")).add(name);
      ObjectNode h = host.deepCopy();
      h.put("id", "host-" + i).put("name", name).put("cluster", current.get("name").asText());
      hosts.add(h);
    }
    for (JsonNode sw : inv.get("distributedSwitches")) {
      JsonNode member = sw.at("/members/0");
      ArrayNode members = ((ObjectNode) sw).putArray("members");
      for (JsonNode h : hosts) {
        members.add(((ObjectNode) member.deepCopy()).put("host", h.get("name").asText()));
      }
    }
    ((ObjectNode) inv.get("vcenter")).put("host", hosts.get(0).get("name").asText());
    return inv;
  }

  @Test
  void withinItsDeadlineTheLargeSiteIsDecidedAndPastItTheAnswerIsTheRecordedError()
      throws Exception {
    long decided;
    TestServer.Builder generous = TestServer.builder(dir.resolve("generous"));
    Files.createDirectories(dir.resolve("generous"));
    try (TestServer s = TestServer.start(dir.resolve("generous"), generous)) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = s.check(body);
      decided = System.nanoTime() - t0;
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).get("verdict").asText()).isEqualTo("BLOCK");
      assertThat(json(r).at("/findings").size()).isGreaterThan(HOSTS);
    }

    TestServer.Builder tight = TestServer.builder(dir);
    tight.deadline = Duration.ofMillis(20);
    try (TestServer s = TestServer.start(dir, tight)) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = s.check(body);
      long cut = System.nanoTime() - t0;
      JsonNode p = assertProblem(r, 503, "cannot-evaluate");
      assertThat(p.get("detail").asText())
          .isEqualTo(
              "the evaluation did not finish within its deadline of 0.02 s;"
                  + " nothing was decided (a larger site or plan needs a longer deadline)");
      JsonNode rec = s.auditLines().get(0);
      assertThat(rec.at("/decision/verdict").asText()).isEqualTo("ERROR");
      assertThat(rec.at("/decision/decisionId").asText()).isEqualTo(p.get("decisionId").asText());
      assertThat(rec.at("/decision/findings").size()).isZero();
      assertThat(r.headers().firstValue("Location"))
          .hasValue("/v1/decisions/" + p.get("decisionId").asText());
      // The engine stopped at its deadline instead of finishing the evaluation it was cut from.
      assertThat(cut)
          .as(
              "answered after %d ms, where deciding took %d ms",
              cut / 1_000_000, decided / 1_000_000)
          .isLessThan(decided);
    }
  }

  @Test
  void aStagePastTheDeadlineOffersNothing() throws Exception {
    TestServer.Builder tight = TestServer.builder(dir);
    tight.deadline = Duration.ofMillis(20);
    try (TestServer s = TestServer.start(dir, tight)) {
      JsonNode p =
          assertProblem(
              s.post("/v1/stages", TestServer.CI_TOKEN, "application/json", body),
              503,
              "cannot-evaluate");
      assertThat(p.get("detail").asText())
          .isEqualTo(
              "the guard could not stage the plan: the evaluation did not"
                  + " finish within its deadline of 0.02 s; nothing was decided (a larger site or plan needs a longer"
                  + " deadline)");
      assertThat(p.has("reasons")).isFalse();
      assertThat(s.auditLines()).as("a stage is no decision: nothing is recorded").isEmpty();
    }
  }
}
