package io.vsguard.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PolicyTest document is read like every other vsguard document: header checked, errors located.
 */
class PolicyTestRunnerTest {
  static final String PLAN = Path.of("../examples/incident/plan.yaml").toAbsolutePath().toString();
  static final String INVENTORY =
      Path.of("../examples/incident/inventory.json").toAbsolutePath().toString();

  @TempDir Path pack;

  private List<PolicyTestRunner.Result> run(String testCase) throws Exception {
    Files.writeString(
        pack.resolve("pack.yaml"),
        "apiVersion: vsguard/v1\nkind: PolicyPack\nmetadata: {name: p}\n");
    Files.createDirectories(pack.resolve("tests"));
    Files.writeString(pack.resolve("tests/case.yaml"), testCase);
    return PolicyTestRunner.run(pack, PolicyLoader.load(pack), Duration.ofSeconds(60));
  }

  private static String testCase(String apiVersion, String now) {
    return """
        apiVersion: %s
        kind: PolicyTest
        metadata: {name: incident}
        spec:
          plan: %s
          inventory: %s
          now: "%s"
          expect: {verdict: BLOCK, rules: [lacp-direct-migration]}
        """
        .formatted(apiVersion, PLAN, INVENTORY, now);
  }

  @Test
  void aWellFormedCasePassesWithYamlsTimestampSpellingToo() throws Exception {
    assertThat(run(testCase("vsguard/v1", "2016-11-22T10:45:00Z")))
        .singleElement()
        .satisfies(r -> assertThat(r.problems()).isEmpty());
    assertThat(run(testCase("vsguard/v1", "2016-11-22 11:45:00 +01:00")))
        .singleElement()
        .satisfies(r -> assertThat(r.problems()).isEmpty());
  }

  @Test
  void anUnknownApiVersionIsAnInputErrorOnItsLine() {
    assertThatThrownBy(() -> run(testCase("vsguard/v2", "2016-11-22T10:45:00Z")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(
            "case.yaml:1: apiVersion: unsupported apiVersion 'vsguard/v2'; expected vsguard/v1");
  }

  @Test
  void aNowWithoutOffsetIsAnInputErrorNotACrash() {
    assertThatThrownBy(() -> run(testCase("vsguard/v1", "22/11/2016")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("case.yaml:7: spec.now: expected an ISO-8601 timestamp with offset");
  }
}
