package io.vsguard.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void aKnownSecretIsMaskedAsWrittenAsJsonSpellsItAndAsAUrlDoes() throws Exception {
    String secret = "p\"w/d S3cret!" + System.nanoTime();
    Secrets.register(secret);
    assertThat(Secrets.scrub("login " + secret + " refused")).isEqualTo("login *** refused");
    assertThat(
            Secrets.scrub(
                "u=" + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("u=***");
    String json = Json.json().writeValueAsString(Map.of("message", "fault: " + secret, secret, 1));
    String scrubbed = Secrets.scrubJson(json);
    assertThat(scrubbed).doesNotContain(secret).doesNotContain("S3cret!");
    assertThat(Json.json().readTree(scrubbed).get("message").asText()).isEqualTo("fault: ***");
    assertThat(Secrets.scrubJson("{\"a\":1}")).isEqualTo("{\"a\":1}");
  }

  @Test
  void aSecretTooShortToTellFromWordsIsNotTakenOut() {
    Secrets.register("abc");
    assertThat(Secrets.scrub("abcdef")).isEqualTo("abcdef");
  }
}
