package io.vsguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.sim.Deadline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pack changes decisions exactly as written: severity overrides, rules switched off, exemptions
 * in and out of their dates, and custom CEL rules — checked on the shipped examples.
 */
class PolicyPackTest {
  static final Path INCIDENT_PLAN = Path.of("../examples/incident/plan.yaml");
  static final Path STAGED_PLAN = Path.of("../examples/incident/staged-plan.yaml");
  static final Path SAFE_PLAN = Path.of("../examples/safe/plan.yaml");
  static final Path INVENTORY = Path.of("../examples/incident/inventory.json");

  /** Tuesday 22 November 2016, inside the incident plan's window. */
  static final Instant TUESDAY = Instant.parse("2016-11-22T10:45:00Z");

  /** Friday 25 November 2016. */
  static final Instant FRIDAY = Instant.parse("2016-11-25T10:45:00Z");

  static PolicyPack pack(String yaml) throws InputException {
    return PolicyLoader.read(
        null,
        List.of(new PolicyLoader.Source("site/pack.yaml", yaml.getBytes(StandardCharsets.UTF_8))));
  }

  static String pack(String rules, String rest) {
    return """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: site}
        spec:
          rules: %s
        %s"""
        .formatted(rules, rest.indent(2));
  }

  static Decision check(PolicyPack pack, Path plan, Instant now)
      throws IOException, InputException {
    byte[] planRaw = Files.readAllBytes(plan);
    byte[] invRaw = Files.readAllBytes(INVENTORY);
    ChangePlan p = PlanLoader.read(plan.toString(), planRaw);
    Inventory inv = InventoryLoader.read(INVENTORY.toString(), invRaw);
    return Checker.of(pack).check(Inputs.of(p, planRaw, inv, invRaw), now, Deadline.NONE);
  }

  static List<String> rules(Decision d) {
    return d.findings().stream().map(Finding::rule).distinct().toList();
  }

  @Test
  void theSafePlanOnlyWarnsForTheSnapshotAgeUnderTheDefaults() throws Exception {
    Decision d = check(pack(pack("{}", "")), SAFE_PLAN, TUESDAY.plusSeconds(86_400L * 30));
    assertThat(d.verdict()).isEqualTo(Verdict.WARN);
    assertThat(rules(d)).containsExactly("stale-inventory");
    assertThat(d.policy().name()).isEqualTo("site");
    assertThat(d.policy().sha256()).hasSize(64);
  }

  @Test
  void aSeverityOverrideChangesTheVerdict() throws Exception {
    Decision d =
        check(
            pack(pack("{stale-inventory: block}", "")),
            SAFE_PLAN,
            TUESDAY.plusSeconds(86_400L * 30));
    assertThat(d.verdict()).isEqualTo(Verdict.BLOCK);
    assertThat(d.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.severity().wire()).isEqualTo("block"));
  }

  @Test
  void offRemovesTheRule() throws Exception {
    Decision d =
        check(
            pack(pack("{stale-inventory: off}", "")), SAFE_PLAN, TUESDAY.plusSeconds(86_400L * 30));
    assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(d.findings()).isEmpty();
  }

  @Test
  void offWrittenAsAYamlBooleanIsOffToo() throws Exception {
    PolicyPack p = pack(pack("\n    stale-inventory: off\n    canary-first: 'off'", ""));
    assertThat(p.rules())
        .noneMatch(
            r -> r.info().id().equals("stale-inventory") || r.info().id().equals("canary-first"));
  }

  static final String EXEMPT_PAR01 =
      """
      exemptions:
        - rule: lacp-direct-migration
          scope: {host: esx-par-01}
          justification: rehearsed in the lab on the same hardware
          approver: cab@example.org
          expires: 2016-12-31
      """;

  @Test
  void anActiveExemptionExemptsExactlyItsScope() throws Exception {
    Decision d = check(pack(pack("{}", EXEMPT_PAR01)), INCIDENT_PLAN, TUESDAY);
    List<Finding> lacp =
        d.findings().stream().filter(f -> f.rule().equals("lacp-direct-migration")).toList();
    assertThat(lacp).hasSize(12);
    assertThat(lacp)
        .filteredOn(f -> f.subject().host().equals("esx-par-01"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.counts()).isFalse();
              assertThat(f.exemption().approver()).isEqualTo("cab@example.org");
              assertThat(f.exemption().expires()).hasToString("2016-12-31");
            });
    assertThat(lacp)
        .filteredOn(f -> !f.subject().host().equals("esx-par-01"))
        .allMatch(Finding::counts);
    // Nothing else is exempted: other rules on esx-par-01 still count.
    assertThat(d.findings())
        .filteredOn(f -> !f.rule().equals("lacp-direct-migration"))
        .allMatch(Finding::counts);
    assertThat(rules(d)).doesNotContain("exemption-expired");
  }

  @Test
  void theSameExemptionPastItsExpiryNoLongerAppliesAndIsReported() throws Exception {
    Decision d =
        check(pack(pack("{}", EXEMPT_PAR01)), INCIDENT_PLAN, Instant.parse("2017-01-01T09:00:00Z"));
    assertThat(d.findings())
        .filteredOn(f -> f.rule().equals("lacp-direct-migration"))
        .allMatch(Finding::counts);
    assertThat(d.findings())
        .filteredOn(f -> f.rule().equals("exemption-expired"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity().wire()).isEqualTo("warn");
              assertThat(f.message())
                  .contains(
                      "lacp-direct-migration", "host esx-par-01", "cab@example.org", "2016-12-31");
            });
  }

  @Test
  void anExemptionThatCoversEveryBlockerTurnsTheVerdict() throws Exception {
    // The staged plan's only finding two hours into its window is the stale snapshot, a plan-wide
    // finding; exempting it for the change ticket makes the decision ALLOW, and the exempted
    // finding stays in the decision.
    String exempt =
        """
        exemptions:
          - rule: stale-inventory
            scope: {change: CHG-2016-1122-01}
            justification: snapshot re-captured by hand, identical
            approver: cab@example.org
            expires: 2016-12-31
        """;
    Decision before =
        check(
            pack(pack("{stale-inventory: block}", "")), STAGED_PLAN, TUESDAY.plusSeconds(2 * 3600));
    Decision after =
        check(
            pack(pack("{stale-inventory: block}", exempt)),
            STAGED_PLAN,
            TUESDAY.plusSeconds(2 * 3600));
    assertThat(before.verdict()).isEqualTo(Verdict.BLOCK);
    assertThat(rules(before)).containsExactly("stale-inventory");
    assertThat(after.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(after.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.exemption()).isNotNull());
  }

  static final String NO_FRIDAY =
      """
      customRules:
        - id: no-friday-par-prod
          severity: block
          summary: No change touching cluster par-prod on a Friday
          expression: >-
            !(has(change.hosts) && type(change.hosts) == map && has(change.hosts.cluster)
              && change.hosts.cluster == 'par-prod' && now.getDayOfWeek('Europe/Paris') == 5)
          messageExpression: "'change ' + change.id + ' touches par-prod on a Friday'"
      """;

  @Test
  void aCustomChangeRuleBlocksOnFriday() throws Exception {
    Decision d =
        check(
            pack(pack("{stale-inventory: off, outside-window: off}", NO_FRIDAY)),
            SAFE_PLAN,
            FRIDAY);
    assertThat(d.verdict()).isEqualTo(Verdict.BLOCK);
    assertThat(d.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("no-friday-par-prod");
              assertThat(f.message())
                  .startsWith("change ")
                  .endsWith(" touches par-prod on a Friday");
            });
  }

  @Test
  void theSameCustomRuleAllowsOnTuesday() throws Exception {
    Decision d =
        check(
            pack(pack("{stale-inventory: off, outside-window: off}", NO_FRIDAY)),
            SAFE_PLAN,
            TUESDAY);
    assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(d.findings()).isEmpty();
  }

  static final String MAX_WAVE_4 =
      """
      customRules:
        - id: max-wave-4
          severity: block
          scope: wave
          summary: No wave over 4 hosts
          expression: size(wave.hosts) <= 4
          messageExpression: "'wave ' + wave.name + ' has ' + string(size(wave.hosts)) + ' hosts'"
      """;

  @Test
  void aCustomWaveRuleBlocksTheAllAtOncePush() throws Exception {
    Decision d = check(pack(pack("{}", MAX_WAVE_4)), INCIDENT_PLAN, TUESDAY);
    assertThat(d.findings())
        .filteredOn(f -> f.rule().equals("max-wave-4"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo("wave all-at-once has 12 hosts"));
  }

  @Test
  void theSameCustomWaveRuleAllowsTheStagedRollout() throws Exception {
    Decision d = check(pack(pack("{}", MAX_WAVE_4)), STAGED_PLAN, TUESDAY);
    assertThat(rules(d)).doesNotContain("max-wave-4");
    assertThat(d.verdict()).isNotIn(Verdict.BLOCK, Verdict.ERROR);
  }

  @Test
  void aCelRuntimeErrorIsAnErrorDecisionNeverAPass() throws Exception {
    String broken =
        """
        customRules:
          - id: needs-a-field
            severity: block
            expression: change.noSuchField == 'x'
            message: never shown
        """;
    Decision d = check(pack(pack("{}", broken)), SAFE_PLAN, TUESDAY);
    assertThat(d.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(d.error().message()).contains("needs-a-field");
  }

  @Test
  void aNonBooleanResultIsAnErrorToo() throws Exception {
    String notBool =
        """
        customRules:
          - id: returns-a-string
            severity: warn
            expression: change.id
            message: never shown
        """;
    assertThat(check(pack(pack("{}", notBool)), SAFE_PLAN, TUESDAY).verdict())
        .isEqualTo(Verdict.ERROR);
  }

  @Test
  void aBrokenCelExpressionIsAnInputErrorNamingFileAndPosition() {
    String bad =
        """
        customRules:
          - id: typo
            severity: block
            expression: size(wave.hosts) <=
            message: never shown
        """;
    assertThatThrownBy(() -> pack(pack("{}", bad)))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("site/pack.yaml:9:")
        .hasMessageContaining("spec.customRules[0].expression")
        .hasMessageContaining("CEL compile error at line 1, column");
  }

  @Test
  void anExemptionWithoutApproverJustificationOrExpiryIsAnInputError() {
    for (String missing : List.of("approver", "justification", "expires")) {
      String e =
          EXEMPT_PAR01
              .lines()
              .filter(l -> !l.trim().startsWith(missing + ":"))
              .reduce("", (a, b) -> a + b + "\n");
      assertThatThrownBy(() -> pack(pack("{}", e)))
          .as(missing)
          .isInstanceOf(InputException.class)
          .hasMessageContaining("spec.exemptions[0]")
          .hasMessageContaining(missing);
    }
  }

  @Test
  void anUnknownRuleOrSettingIsAnInputError() {
    assertThatThrownBy(() -> pack(pack("{lacp-direkt-migration: warn}", "")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no built-in rule 'lacp-direkt-migration'");
    assertThatThrownBy(() -> pack(pack("{canary-first: maybe}", "")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("expected one of block, warn, info, off");
  }

  @Test
  void readsCriticalVmsAndFreezes() throws Exception {
    PolicyPack p =
        pack(
            pack(
                "{}",
                """
        parameters:
          criticalVms: [dns01, ad01]
          freezes:
            - {start: 2026-12-18, end: 2027-01-03, reason: year-end freeze}
            - {start: "2026-11-27T18:00:00+01:00", end: "2026-11-30T06:00:00+01:00", reason: Black Friday}
        """));
    assertThat(p.parameters().criticalVms()).containsExactly("dns01", "ad01");
    assertThat(p.parameters().freezes())
        .extracting(f -> f.start() + " " + f.end() + " " + f.reason())
        .containsExactly(
            "2026-12-18T00:00:00Z 2027-01-04T00:00:00Z year-end freeze",
            "2026-11-27T17:00:00Z 2026-11-30T05:00:00Z Black Friday");
    assertThatThrownBy(
            () ->
                pack(
                    pack(
                        "{}",
                        """
        parameters:
          freezes: [{start: 2026-12-18, end: next week, reason: x}]
        """)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("spec.parameters.freezes[0].end")
        .hasMessageContaining("expected a date");
  }
}
