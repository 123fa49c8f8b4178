package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.text.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** SARIF and JUnit XML carry the same findings and verdict as the JSON decision. */
class ReportFormatsTest {
  static final String SAFE = "../examples/safe/plan.yaml";

  static Cli check(String... extra) {
    String[] base = {"check", "--inventory", CheckCommandTest.INCIDENT_INVENTORY};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return Cli.run(all);
  }

  @Test
  void sarifHasOneResultPerFindingWithLevelsAndTheVerdict() throws Exception {
    Cli json = check("--plan", CheckCommandTest.INCIDENT_PLAN, "--output", "json");
    Cli sarif = check("--plan", CheckCommandTest.INCIDENT_PLAN, "--output", "sarif");
    assertThat(sarif.exit()).isEqualTo(ExitCodes.BLOCK);
    JsonNode d = Json.json().readTree(json.out());
    JsonNode run = Json.json().readTree(sarif.out()).at("/runs/0");
    assertThat(Json.json().readTree(sarif.out()).get("version").asText()).isEqualTo("2.1.0");
    assertThat(run.at("/results").size()).isEqualTo(d.get("findings").size());
    assertThat(run.at("/properties/verdict").asText()).isEqualTo("BLOCK");
    assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isTrue();
    JsonNode first =
        run.at("/results").findParents("ruleId").stream()
            .filter(r -> r.get("ruleId").asText().equals("lacp-direct-migration"))
            .findFirst()
            .orElseThrow();
    assertThat(first.get("level").asText()).isEqualTo("error");
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo(CheckCommandTest.INCIDENT_PLAN);
    assertThat(first.at("/locations/0/logicalLocations").findValuesAsText("kind"))
        .containsExactly("change", "switch", "host");
    String ruleId = run.at("/tool/driver/rules/" + first.get("ruleIndex").asInt() + "/id").asText();
    assertThat(ruleId).isEqualTo("lacp-direct-migration");
  }

  @Test
  void sarifMarksAnExemptedFindingAsSuppressed(@TempDir Path dir) throws Exception {
    Path pack = dir.resolve("pack.yaml");
    Files.writeString(
        pack,
        """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: exempt-age}
        spec:
          exemptions:
            - rule: stale-inventory
              scope: {change: CHG-2016-1201-07}
              justification: the 2016 snapshot is the reference for this example
              approver: cab@example.org
              expires: 2099-12-31
        """);
    Cli sarif = check("--plan", SAFE, "--policy", pack.toString(), "--output", "sarif");
    JsonNode result = Json.json().readTree(sarif.out()).at("/runs/0/results/0");
    assertThat(result.get("ruleId").asText()).isEqualTo("stale-inventory");
    assertThat(result.at("/suppressions/0/kind").asText()).isEqualTo("external");
    assertThat(result.at("/suppressions/0/justification").asText())
        .contains("approved by cab@example.org");
  }

  static Element suite(String xml) throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    return (Element) doc.getElementsByTagName("testsuite").item(0);
  }

  @Test
  void junitFailsOneCasePerBlockingFinding() throws Exception {
    Cli json = check("--plan", CheckCommandTest.INCIDENT_PLAN, "--output", "json");
    long blocks =
        Json.json().readTree(json.out()).get("findings").findValuesAsText("severity").stream()
            .filter("block"::equals)
            .count();
    Cli junit = check("--plan", CheckCommandTest.INCIDENT_PLAN, "--output", "junit");
    assertThat(junit.exit()).isEqualTo(ExitCodes.BLOCK);
    Element s = suite(junit.out());
    assertThat(Long.parseLong(s.getAttribute("failures"))).isEqualTo(blocks).isPositive();
    assertThat(junit.out())
        .contains(
            "classname=\"vsguard.CHG-2016-1122-01.c1\" name=\"lacp-direct-migration on esx-par-01");
  }

  @Test
  void junitFailsWarningsOnlyWithFailOnWarn() throws Exception {
    Element plain = suite(check("--plan", SAFE, "--output", "junit").out());
    assertThat(plain.getAttribute("failures")).isEqualTo("0");
    assertThat(plain.getAttribute("tests")).isEqualTo("1");
    Cli strict = check("--plan", SAFE, "--output", "junit", "--fail-on", "warn");
    assertThat(strict.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(suite(strict.out()).getAttribute("failures")).isEqualTo("1");
  }
}
