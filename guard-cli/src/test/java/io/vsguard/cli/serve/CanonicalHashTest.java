package io.vsguard.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.text.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The streamed hash of a request's documents is the hash of their canonical form, byte for byte.
 */
class CanonicalHashTest {

  @Test
  void theIncidentsDocumentsHashAsTheirCanonicalBytes() throws Exception {
    String body =
        Json.json()
            .writeValueAsString(
                TestServer.bodyTree(TestServer.INCIDENT_PLAN, TestServer.INCIDENT_INVENTORY));
    JsonNode root = DocumentReader.parse("request", body, false).root();
    CheckRequest req = CheckRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(req.plan().sha256())
        .isEqualTo(Decisions.sha256(CheckRequest.canonical(root.get("plan"))));
    assertThat(req.inventory().orElseThrow().sha256())
        .isEqualTo(Decisions.sha256(CheckRequest.canonical(root.get("inventory"))));
  }

  @Test
  void keysSortedNumbersEscapesAndUnicodeAsTheMapperWritesThem() throws Exception {
    String text =
        """
        {"z": [3, -0, 12345678901234567890123, 1.50, -2.5e-7, 1E+3, true, false, null],
         "a": {"\u00e9t\u00e9": "caf\u00e9 \\u2603 \\ud83d\\ude00", "Z": "", "b": {}, "\\t": "tab\\nline \\"q\\" \\\\ /"},
         "\u00c5": [], "A": [{"y": 1, "x": [{}]}], "": "empty name"}
        """;
    JsonNode root = DocumentReader.parse("request", text, false).root();
    java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
    CheckRequest.writeCanonical(root, streamed);
    assertThat(streamed.toString(StandardCharsets.UTF_8))
        .isEqualTo(new String(CheckRequest.canonical(root), StandardCharsets.UTF_8));
    assertThat(CheckRequest.canonicalSha256(root))
        .isEqualTo(Decisions.sha256(CheckRequest.canonical(root)));
    // and the canonical form does sort and compact
    assertThat(new String(CheckRequest.canonical(root.get("A")), StandardCharsets.UTF_8))
        .isEqualTo("[{\"x\":[{}],\"y\":1}]");
  }
}
