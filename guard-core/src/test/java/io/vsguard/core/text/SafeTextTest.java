package io.vsguard.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void controlsBidiAndInvisiblesAreSpelledLayoutStays() {
    assertThat(SafeText.escape("a\u001b[31mb")).isEqualTo("a\\u001B[31mb");
    assertThat(SafeText.escape("\u009b2J")).isEqualTo("\\u009B2J");
    assertThat(SafeText.escape("x\u202ey\u2066z\u200bw\ufeff"))
        .isEqualTo("x\\u202Ey\\u2066z\\u200Bw\\uFEFF");
    assertThat(SafeText.escape("line\nnext\tcol\r\n")).isEqualTo("line\nnext\tcol\r\n");
    assertThat(SafeText.escape("over\rwrite")).isEqualTo("over\\u000Dwrite");
    assertThat(SafeText.escape("end\r")).isEqualTo("end\\u000D");
    assertThat(SafeText.escape("Déplacement 中 \ud83d\ude00"))
        .isEqualTo("Déplacement 中 \ud83d\ude00");
    assertThat(SafeText.escape("lone \ud800 and \udc00")).isEqualTo("lone \\uD800 and \\uDC00");
    assertThat(SafeText.oneLine("a\nb\tc\r\n")).isEqualTo("a\\u000Ab\\u0009c\\u000D\\u000A");
  }

  @Test
  void jsonSpellsThemAsEscapesWithTheSameValue() throws Exception {
    String value = "t\u001b[2K\u202e\u0085\u007f\ud83d\ude00é";
    String json = Json.json().writeValueAsString(Map.of("v", value));
    assertThat(SafeText.needsEscape(json)).isFalse();
    assertThat(json).contains("\\u001B", "\\u202E", "\\u0085", "\\u007F", "\\uD83D\\uDE00", "é");
    assertThat(Json.json().readTree(json).get("v").asText()).isEqualTo(value);
  }

  @Test
  void yamlIsWrittenInAsciiOnlyWhenItHoldsOne() throws Exception {
    assertThat(Json.yamlText(Map.of("title", "Déplacement"))).isEqualTo("title: Déplacement\n");
    String hostile = Json.yamlText(Map.of("title", "Déplacement \u202eevil"));
    assertThat(SafeText.needsEscape(hostile)).isFalse();
    assertThat(Json.yaml().readTree(hostile).get("title").asText())
        .isEqualTo("Déplacement \u202eevil");
  }
}
