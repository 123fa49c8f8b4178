package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 7: /healthz said ok while the audit log could not take a write, so a load balancer
 * kept sending checks that could only end in 503. Readiness now says whether a decision can be
 * recorded; liveness only that the process answers.
 */
class ServeHealthTest {
  @TempDir Path dir;

  TestServer s;

  @AfterEach
  void stop() {
    if (s != null) {
      s.close();
    }
  }

  @Test
  void aHealthyServerIsLiveAndReady() throws Exception {
    s = TestServer.start(dir);
    for (String path : new String[] {"/healthz", "/readyz", "/livez"}) {
      HttpResponse<String> r = s.get(path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(json(r).get("status").asText()).isEqualTo("ok");
    }
    assertThat(s.auditLines()).as("a health check records nothing").isEmpty();
  }

  @Test
  void aLogThatCannotTakeAWriteIsNotReadyButLive() throws Exception {
    Path blocker = dir.resolve("var");
    Files.writeString(blocker, "a file where the log's directory should be");
    TestServer.Builder b = TestServer.builder(dir);
    b.auditLog = blocker.resolve("audit.jsonl");
    s = TestServer.start(dir, b);

    HttpResponse<String> health = s.get("/healthz", null);
    ServeApiTest.assertProblem(health, 503, "not-ready");
    assertThat(json(health).get("detail").asText()).contains("audit log", blocker.toString());
    ServeApiTest.assertProblem(s.get("/readyz", null), 503, "not-ready");
    assertThat(s.get("/livez", null).statusCode()).isEqualTo(200);

    // ready again once the operator fixes it
    Files.delete(blocker);
    Thread.sleep(1100);
    assertThat(s.get("/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aDiskWithoutRoomForADecisionIsNotReady() throws Exception {
    TestServer.Builder b = TestServer.builder(dir);
    b.reserveBytes = Long.MAX_VALUE;
    s = TestServer.start(dir, b);
    HttpResponse<String> r = s.get("/healthz", null);
    ServeApiTest.assertProblem(r, 503, "not-ready");
    assertThat(json(r).get("detail").asText()).contains("bytes free");
  }

  @Test
  void aDamagedLastRecordIsNotReady() throws Exception {
    s = TestServer.start(dir);
    s.store.append(ServePagingTest.entry("CHG-1", io.vsguard.core.rule.Severity.WARN));
    String line = Files.readString(s.store.file());
    Files.writeString(s.store.file(), line.replace("CHG-1", "CHG-9"));
    HttpResponse<String> r = s.get("/healthz", null);
    ServeApiTest.assertProblem(r, 503, "not-ready");
    assertThat(json(r).get("detail").asText()).contains("damaged");
  }
}
