package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.TestServer.AUDITOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, smaller ones: JSON answers carried no nosniff / no-store (a cached decision list, a
 * problem sniffed as HTML), and Jetty answered oversized headers with its own HTML page instead of
 * a problem document.
 */
class ServeHeadersTest {
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

  static void assertSecurityHeaders(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("X-Content-Type-Options"))
        .as(r.uri().toString())
        .hasValue("nosniff");
    assertThat(r.headers().firstValue("Cache-Control")).as(r.uri().toString()).hasValue("no-store");
  }

  @Test
  void everyJsonAnswerIsNosniffAndNoStore() throws Exception {
    for (HttpResponse<String> r :
        List.of(
            s.get("/v1/decisions", AUDITOR_TOKEN),
            s.get("/v1/decisions", null),
            s.get("/healthz", null),
            s.get("/v1/decisions/nope", AUDITOR_TOKEN),
            s.post("/v1/checks", AUDITOR_TOKEN, "text/plain", "x"))) {
      assertSecurityHeaders(r);
      assertThat(r.headers().firstValue("Strict-Transport-Security"))
          .as("not over plain HTTP")
          .isEmpty();
    }
  }

  @Test
  void oversizedHeadersGetAProblemDocument() throws Exception {
    HttpResponse<String> r =
        s.http.send(
            HttpRequest.newBuilder(s.uri("/v1/decisions"))
                .header("Authorization", "Bearer " + AUDITOR_TOKEN)
                .header("X-Padding", "p".repeat(20_000))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    ServeApiTest.assertProblem(r, 431, "headers-too-large");
    assertSecurityHeaders(r);
  }

  @Test
  void anOverlongRequestLineGetsAProblemDocumentAndIsNotRecorded() throws Exception {
    HttpResponse<String> r = s.get("/v1/" + "a".repeat(9000), null);
    ServeApiTest.assertProblem(r, 414, "uri-too-long");
    assertSecurityHeaders(r);
    assertThat(s.auditLines())
        .as("refused by the HTTP server before any route: nothing to record")
        .isEmpty();
  }
}
