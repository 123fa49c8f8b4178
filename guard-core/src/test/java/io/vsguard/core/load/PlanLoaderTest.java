package io.vsguard.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.Plans;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.HostSelector;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {
  @Test
  void readsAMigrationWithItsRollout() throws Exception {
    ChangePlan p = PlanLoader.parse("plan.yaml", Plans.SAFE_ROLLOUT);
    Change.MigrateHosts m = (Change.MigrateHosts) p.spec().changes().get(0);
    assertThat(m.from()).isEqualTo(SwitchRef.distributed("DVS-LACP"));
    assertThat(m.hosts()).isEqualTo(new HostSelector.InCluster("prod"));
    assertThat(m.uplinks()).containsEntry("vmnic0", "uplink2");
    assertThat(p.spec().rollout().waves()).hasSize(4);
    assertThat(p.spec().rollout().waves().get(0).steps().get(2))
        .isEqualTo(new Step.MovePnic("vmnic1", SwitchRef.standard("vSwitch-mig"), null));
  }

  @Test
  void jsonPlansAreReadToo() throws Exception {
    ChangePlan p =
        PlanLoader.parse(
            "plan.json",
            """
        {"apiVersion": "vsguard/v1", "kind": "ChangePlan", "metadata": {"id": "X"},
         "spec": {"changes": [{"id": "c1", "action": "set-mtu", "switch": "DVS-New", "mtu": 9000}]}}
        """);
    assertThat(p.spec().changes().get(0)).isEqualTo(new Change.SetMtu("c1", "DVS-New", 9000));
  }

  @Test
  void windowsMayUseYamlsOwnTimestampSpellingButNeedAnOffset() throws Exception {
    String plan =
        """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: X}
        spec:
          window: {start: 2016-11-22 11:42:00 +01:00, end: "2016-11-22t18:00:00+01:00"}
          changes: [{id: c1, action: set-mtu, switch: DVS-New, mtu: 9000}]
        """;
    ChangePlan p = PlanLoader.parse("plan.yaml", plan);
    assertThat(p.spec().window().start().toInstant()).hasToString("2016-11-22T10:42:00Z");
    assertThat(p.spec().window().end().toInstant()).hasToString("2016-11-22T17:00:00Z");
    assertThatThrownBy(() -> PlanLoader.parse("plan.yaml", plan.replace(" +01:00,", ",")))
        .hasMessage(
            "plan.yaml:5: spec.window.start: expected an ISO-8601 timestamp with offset, e.g. 2016-11-22T11:42:00+01:00");
  }

  @Test
  void anUnknownActionNamesTheFileLineAndChoices() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml", Plans.NAIVE_MIGRATION.replace("migrate-hosts", "migrate-host")))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(
            "plan.yaml:7: spec.changes[0].action: 'migrate-host' is not valid; expected one of migrate-hosts,");
  }

  @Test
  void aMissingFieldIsNamed() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml", Plans.NAIVE_MIGRATION.replace("      from: DVS-LACP\n", "")))
        .hasMessage("plan.yaml:6: spec.changes[0]: missing required field 'from'");
  }

  @Test
  void aMisspeltOptionalFieldIsAnErrorNotASilentDefault() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml", Plans.NAIVE_MIGRATION.replace("vmkernels:", "vmkernel:")))
        .hasMessageContaining(
            "plan.yaml:12: spec.changes[0].vmkernel: unknown field 'vmkernel' in a migrate-hosts change");
  }

  @Test
  void badYamlGivesTheLine() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml", "apiVersion: vsguard/v1\nkind: ChangePlan\nspec: [\n  a: b\n"))
        .hasMessageStartingWith("plan.yaml:")
        .hasMessageContaining("invalid YAML");
  }

  @Test
  void badYamlSaysWhatWasFoundInstead() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    "apiVersion: vsguard/v1\nkind: ChangePlan\nmetadata:\n  id: x\n - bad\n"))
        .hasMessage(
            "plan.yaml:5: invalid YAML: while parsing a block mapping: expected <block end>, but found "
                + "'<block sequence start>'");
  }

  @Test
  void aTruncatedJsonPlanSaysSoWithoutParserInternals() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.json", "{\"apiVersion\": \"vsguard/v1\", \"spec\": {\"changes\": ["))
        .hasMessage(
            "plan.json:1: invalid JSON: the document ends early: the list opened at line 1 is not closed"
                + " (truncated file?)");
    assertThatThrownBy(() -> PlanLoader.parse("plan.json", "{\"a\": [1, 2}"))
        .hasMessage("plan.json:1: invalid JSON: Unexpected close marker '}': expected ']'");
  }

  @Test
  void aWrongTypeSaysWhatWasExpected() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: X}
        spec:
          changes:
            - {id: c1, action: set-mtu, switch: DVS-New, mtu: large}
        """))
        .hasMessage(
            "plan.yaml:6: spec.changes[0].mtu: expected a whole number, found the string 'large'");
  }

  @Test
  void anUnknownStepOpIsRejected() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml", Plans.SAFE_ROLLOUT.replace("op: verify", "op: check")))
        .hasMessageContaining(
            "spec.rollout.waves[0].steps[12].op: 'check' is not valid; expected one of enter-maintenance");
  }

  @Test
  void anotherKindIsRejected() {
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    Plans.NAIVE_MIGRATION.replace("kind: ChangePlan", "kind: Inventory")))
        .hasMessage(
            "plan.yaml:2: kind: kind 'Inventory' given where a ChangePlan document was expected");
  }

  @Test
  void anUnreadableFileIsAnInputError(@TempDir Path dir) {
    assertThatThrownBy(() -> PlanLoader.load(dir.resolve("missing.yaml")))
        .isInstanceOf(InputException.class)
        .hasMessageEndingWith("missing.yaml: file not found");
  }

  @Test
  void nonUtf8IsAnInputError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.yaml");
    Files.write(f, new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
    assertThatThrownBy(() -> PlanLoader.load(f))
        .hasMessageEndingWith(
            "latin1.yaml:1: not UTF-8 text: byte 0xE9 at offset 3 is not valid UTF-8 (save the document as UTF-8)");
  }

  @Test
  void theWrittenPlanReadsBackTheSame() throws Exception {
    ChangePlan p = PlanLoader.parse("plan.yaml", Plans.SAFE_ROLLOUT);
    String yaml = Json.yaml().writeValueAsString(p);
    assertThat(PlanLoader.parse("again.yaml", yaml)).isEqualTo(p);
    String json = Json.pretty(p);
    assertThat(PlanLoader.parse("again.json", json)).isEqualTo(p);
  }

  @Test
  void theNetworkFieldsOfStepsAndChangesAreBoundedAndNamed() {
    String staged = Plans.staged("[esx-01]", null, "esx-01");
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    staged.replace("{name: mgmt, vlan: 10,", "{name: mgmt, vlan: 5000,")))
        .hasMessageContaining(
            "spec.rollout.waves[0].steps[1].portgroups[0].vlan: 5000 is not a VLAN id; expected 0 (untagged) to 4095");
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    staged.replace("{name: vmotion, vlan: 20,", "{name: mgmt, vlan: 20,")))
        .hasMessageContaining("portgroups[1].name: duplicate portgroup 'mgmt'");
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    staged.replace(
                        "switch: vSwitch-mig, portgroups",
                        "switch: vSwitch-mig, mtu: 100, portgroups")))
        .hasMessageContaining("steps[1].mtu: expected an MTU between 1280 and 9000");
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    staged.replace("portgroup: pg-mgmt-new}", "portgroup: pg-mgmt-new, vlan: 10}")))
        .hasMessageContaining("vlan: vlan names the VLAN of a standard portgroup the move creates");
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    staged.replace(
                        "vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}",
                        "vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}\n      readdress: {vmk0: {vlan: 4095}}")))
        .hasMessageContaining(
            "spec.changes[0].readdress.vmk0.vlan: 4095 is not a VLAN id; expected 0 (untagged) to 4094");
    assertThatThrownBy(
            () ->
                PlanLoader.parse(
                    "plan.yaml",
                    staged.replace(
                        "vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}",
                        "vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}\n      readdress: {vmk0: {vlan: 999, subnet: x, gateway: y}}")))
        .hasMessageContaining("unknown field 'gateway'");
  }
}
