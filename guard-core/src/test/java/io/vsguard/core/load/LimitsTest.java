package io.vsguard.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each documented bound: at the limit a document reads, one over it is an input error naming the
 * limit.
 */
class LimitsTest {
  private static String plan(int changes, String rollout) {
    StringBuilder sb =
        new StringBuilder(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-LIMITS}
        spec:
          changes:
        """);
    for (int i = 0; i < changes; i++) {
      sb.append("    - {id: c").append(i).append(", action: set-mtu, switch: DVS, mtu: 9000}\n");
    }
    return sb.append(rollout).toString();
  }

  /**
   * One wave of {@code hosts} hosts (names padded to {@code nameLength}) and {@code steps} steps.
   */
  private static String wave(int hosts, int steps, int nameLength) {
    StringBuilder sb =
        new StringBuilder("  rollout:\n    waves:\n      - name: w1\n        hosts:\n");
    for (int i = 0; i < hosts; i++) {
      String name = "esx-" + i;
      sb.append("          - ")
          .append(name)
          .append("x".repeat(Math.max(0, nameLength - name.length())))
          .append('\n');
    }
    sb.append("        steps:\n");
    for (int i = 0; i < steps; i++) {
      sb.append("          - {op: verify}\n");
    }
    return sb.toString();
  }

  @Test
  void changesPerPlan() throws Exception {
    assertThat(PlanLoader.parse("p.yaml", plan(Limits.CHANGES, "")).spec().changes())
        .hasSize(Limits.CHANGES);
    assertThatThrownBy(() -> PlanLoader.parse("p.yaml", plan(Limits.CHANGES + 1, "")))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "p.yaml:5: spec.changes: 1001 changes; the limit is 1000 changes per plan (docs/spec/formats.md, Limits)");
  }

  @Test
  void hostsAndStepsPerWaveInAPlanLargerThanSnakeYamlAllowsAlone() throws Exception {
    // 20,000 names of 170 characters: 3.5 MB, over SnakeYAML's own 3 MiB bound, as a staged plan of
    // a large site is.
    String atTheLimit = plan(1, wave(Limits.HOSTS_PER_LIST, Limits.STEPS_PER_WAVE, 170));
    assertThat(atTheLimit.length()).isGreaterThan(3 * 1024 * 1024);
    var waves = PlanLoader.parse("p.yaml", atTheLimit).spec().rollout().waves();
    assertThat(waves.get(0).hosts()).hasSize(Limits.HOSTS_PER_LIST);
    assertThat(waves.get(0).steps()).hasSize(Limits.STEPS_PER_WAVE);
    assertThatThrownBy(
            () -> PlanLoader.parse("p.yaml", plan(1, wave(Limits.HOSTS_PER_LIST + 1, 1, 0))))
        .hasMessageContaining(
            "spec.rollout.waves[0].hosts: 20001 hosts; the limit is 20000 hosts per wave");
    assertThatThrownBy(
            () -> PlanLoader.parse("p.yaml", plan(1, wave(1, Limits.STEPS_PER_WAVE + 1, 0))))
        .hasMessageContaining(
            "spec.rollout.waves[0].steps: 1001 steps; the limit is 1000 steps per wave");
  }

  @Test
  void wavesPerRollout() {
    // JSON: the same loader, a faster parser for 20,001 waves
    StringBuilder sb =
        new StringBuilder(
            "{\"apiVersion\": \"vsguard/v1\", \"kind\": \"ChangePlan\", \"metadata\": {\"id\": \"X\"},"
                + " \"spec\": {\"changes\": [{\"id\": \"c1\", \"action\": \"set-mtu\", \"switch\": \"DVS\", \"mtu\": 9000}],"
                + " \"rollout\": {\"waves\": [\n");
    for (int i = 0; i <= Limits.WAVES; i++) {
      sb.append(i == 0 ? "" : ",\n")
          .append("{\"name\": \"w")
          .append(i)
          .append("\", \"hosts\": [\"esx-")
          .append(i)
          .append("\"], \"steps\": [{\"op\": \"verify\"}]}");
    }
    sb.append("]}}}");
    assertThatThrownBy(() -> PlanLoader.parse("p.json", sb.toString()))
        .hasMessage(
            "p.json:1: spec.rollout.waves: 20001 waves; the limit is 20000 waves per rollout (docs/spec/formats.md, Limits)");
  }

  @Test
  void hostsPerInventory() {
    StringBuilder sb =
        new StringBuilder(
            "{\"apiVersion\": \"vsguard/v1\", \"kind\": \"Inventory\","
                + " \"capturedAt\": \"2024-01-01T00:00:00Z\", \"hosts\": [\n");
    for (int i = 0; i <= Limits.HOSTS; i++) {
      sb.append(i == 0 ? "" : ",\n").append("{\"name\": \"esx-").append(i).append("\"}");
    }
    sb.append("]}");
    assertThatThrownBy(
            () -> InventoryLoader.read("inv.json", sb.toString().getBytes(StandardCharsets.UTF_8)))
        .hasMessage(
            "inv.json:1: hosts: 20001 hosts; the limit is 20000 hosts per inventory (docs/spec/formats.md, Limits)");
  }

  @Test
  void documentSizeIsCheckedBeforeReading(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("plan.yaml");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(Limits.PLAN_BYTES + 1);
    }
    assertThatThrownBy(() -> PlanLoader.load(big))
        .hasMessage(
            big + ": the document is 64.0 MiB; the limit is 64 MiB (docs/spec/formats.md, Limits)");
    assertThatThrownBy(
            () -> InventoryLoader.read("inv.json", new byte[(int) Limits.INVENTORY_BYTES + 1]))
        .hasMessage(
            "inv.json: the document is 128.0 MiB; the limit is 128 MiB (docs/spec/formats.md, Limits)");
    Files.delete(big);
  }
}
