package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.ServeApiTest.assertProblem;
import static io.vsguard.cli.serve.TestServer.INCIDENT_INVENTORY;
import static io.vsguard.cli.serve.TestServer.INCIDENT_PLAN;
import static io.vsguard.cli.serve.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.cli.input.InventorySource;
import io.vsguard.core.audit.AuditRecord;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.text.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server started with a vCenter takes the plan alone and captures the inventory per request. */
class ServeLiveInventoryTest {
  static final URI SDK = URI.create("https://vc01.paris.example/sdk");

  @TempDir Path dir;

  /** Stands in for the vCenter capture (guard-vsphere has its own tests against the simulator). */
  static final class FakeVcenter implements InventorySource {
    final AtomicInteger captures = new AtomicInteger();
    final boolean reachable;

    FakeVcenter(boolean reachable) {
      this.reachable = reachable;
    }

    @Override
    public AuditRecord.InventorySource recordedAs() {
      return AuditRecord.InventorySource.vcenter(SDK);
    }

    @Override
    public Inputs.Hashed<Inventory> read() throws Unavailable {
      captures.incrementAndGet();
      if (!reachable) {
        throw new Unavailable(
            "cannot capture the inventory from " + SDK + ": connection refused",
            new Decision.InventoryRef(null, SDK.toString(), null, "verified"),
            null);
      }
      try {
        byte[] raw = Files.readAllBytes(INCIDENT_INVENTORY);
        return Inputs.Hashed.of(InventoryLoader.read("vcenter", raw), raw);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static String planOnly() throws Exception {
    ObjectNode b = Json.json().createObjectNode();
    b.set("plan", Json.yaml().readTree(Files.readString(INCIDENT_PLAN)));
    return Json.json().writeValueAsString(b);
  }

  @Test
  void aPlanAloneIsCheckedAgainstAFreshCapture() throws Exception {
    FakeVcenter vc = new FakeVcenter(true);
    TestServer.Builder b = TestServer.builder(dir);
    b.live = vc;
    try (TestServer s = TestServer.start(dir, b)) {
      JsonNode d = json(s.check(planOnly()));
      assertThat(d.get("verdict").asText()).isEqualTo("BLOCK");
      assertThat(d.at("/inventory/sha256").asText())
          .isEqualTo(
              io.vsguard.core.decision.Decisions.sha256(Files.readAllBytes(INCIDENT_INVENTORY)));
      json(s.check(planOnly()));
      assertThat(vc.captures.get()).as("one capture per request").isEqualTo(2);
      JsonNode rec = s.auditLines().get(0);
      assertThat(rec.at("/inventorySource/type").asText()).isEqualTo("vcenter");
      assertThat(rec.at("/inventorySource/location").asText()).isEqualTo(SDK.toString());

      // a body with its own inventory still uses it
      json(s.check(TestServer.body(INCIDENT_PLAN, INCIDENT_INVENTORY)));
      assertThat(vc.captures.get()).isEqualTo(2);

      assertThat(
              s.post("/v1/stages", TestServer.CI_TOKEN, "application/json", planOnly())
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void anUnreachableVcenterIsAnAuditedErrorAnd503() throws Exception {
    TestServer.Builder b = TestServer.builder(dir);
    b.live = new FakeVcenter(false);
    try (TestServer s = TestServer.start(dir, b)) {
      JsonNode p = assertProblem(s.check(planOnly()), 503, "cannot-evaluate");
      assertThat(p.get("detail").asText()).contains("connection refused");
      JsonNode rec = s.auditLines().get(0);
      assertThat(rec.at("/decision/verdict").asText()).isEqualTo("ERROR");
      assertThat(rec.at("/decision/decisionId").asText()).isEqualTo(p.get("decisionId").asText());
      assertThat(rec.at("/decision/inventory/tls").asText()).isEqualTo("verified");
      assertProblem(
          s.post("/v1/stages", TestServer.CI_TOKEN, "application/json", planOnly()),
          503,
          "cannot-evaluate");
    }
  }

  @Test
  void withoutAVcenterTheInventoryIsRequired() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      JsonNode p = assertProblem(s.check(planOnly()), 400, "invalid-input");
      assertThat(p.get("detail").asText()).contains("request: inventory: missing", "--vcenter");
    }
  }
}
