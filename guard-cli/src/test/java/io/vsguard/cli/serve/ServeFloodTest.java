package io.vsguard.cli.serve;

import static io.vsguard.cli.serve.TestServer.CI_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.audit.Verification;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 5: every refused request was an fsync'd record carrying up to 8 KB of path, about
 * 250 a second from one client without a token: the log grew by megabytes a second. A refusal now
 * records a capped path, and a client's refusals beyond its allowance are answered 429 and recorded
 * once per interval.
 */
class ServeFloodTest {
  static final int FLOOD = 200;

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
  void aFloodOfRefusalsFromOneClientDoesNotFloodTheLog() throws Exception {
    String longPath = "/v1/" + "a".repeat(7000);
    int unauthorized = 0;
    int limited = 0;
    for (int i = 0; i < FLOOD; i++) {
      HttpResponse<String> r = s.get(longPath, null);
      unauthorized += r.statusCode() == 401 ? 1 : 0;
      limited += r.statusCode() == 429 ? 1 : 0;
    }
    assertThat(unauthorized + limited).isEqualTo(FLOOD);
    assertThat(limited)
        .as("refusals beyond the allowance are turned away as 429")
        .isGreaterThan(FLOOD / 2);

    List<JsonNode> lines = s.auditLines();
    assertThat(lines.size())
        .as("records written for " + FLOOD + " refusals")
        .isLessThanOrEqualTo(unauthorized + 1);
    assertThat(Files.size(s.store.file())).as("log size").isLessThan(64 * 1024);
    assertThat(lines).allMatch(l -> l.at("/accessDenied/path").asText().length() <= 256);
    assertThat(
            lines.stream()
                .filter(l -> l.at("/accessDenied/reason").asText().equals("rate-limited")))
        .as("the rate limiting is recorded once for the interval")
        .hasSize(1);
    assertThat(s.store.verify()).isInstanceOf(Verification.Intact.class);

    // the limit is on refusals: a valid token from the same client still gets in
    assertThat(s.get("/v1/decisions", CI_TOKEN).statusCode()).isEqualTo(200);
  }
}
