package io.vsguard.core;

/** Plan texts shared by rule tests, against the small fixture inventory. */
public final class Plans {
  private Plans() {}

  /** The incident shape: every host of the cluster moved off the LACP switch in one push. */
  public static final String NAIVE_MIGRATION =
      """
      apiVersion: vsguard/v1
      kind: ChangePlan
      metadata: {id: CHG-NAIVE}
      spec:
        changes:
          - id: c1
            action: migrate-hosts
            from: DVS-LACP
            to: DVS-New
            hosts: {cluster: prod}
            uplinks: {vmnic0: uplink2, vmnic1: uplink3}
            vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}
      """;

  /**
   * The temporary switch as {@link #SAFE_STEPS} creates it: its portgroups mirror the LACP
   * switch's.
   */
  public static final String CREATE_TRANSIT =
      "{op: create-standard-switch, switch: vSwitch-mig, portgroups: "
          + "[{name: mgmt, vlan: 10, uplink: vmnic1}, {name: vmotion, vlan: 20, uplink: vmnic1}]}";

  /** The same step as plans wrote it before create-standard-switch named its portgroups. */
  public static final String CREATE_TRANSIT_OLD =
      "{op: create-standard-switch, switch: vSwitch-mig}";

  /** The per-host sequence through a temporary standard switch, as vsguard stage writes it. */
  public static final String SAFE_STEPS =
      """
                - {op: enter-maintenance}
                - {op: create-standard-switch, switch: vSwitch-mig, portgroups: [{name: mgmt, vlan: 10, uplink: vmnic1}, {name: vmotion, vlan: 20, uplink: vmnic1}]}
                - {op: move-pnic, pnic: vmnic1, to: "standard:vSwitch-mig"}
                - {op: move-vmkernel, vmk: vmk0, to: "standard:vSwitch-mig", portgroup: mgmt}
                - {op: move-vmkernel, vmk: vmk1, to: "standard:vSwitch-mig", portgroup: vmotion}
                - {op: move-pnic, pnic: vmnic0, to: "standard:vSwitch-mig"}
                - {op: remove-from-switch, switch: DVS-LACP}
                - {op: move-vmkernel, vmk: vmk0, to: DVS-New, portgroup: pg-mgmt-new}
                - {op: move-vmkernel, vmk: vmk1, to: DVS-New, portgroup: pg-vmotion-new}
                - {op: move-pnic, pnic: vmnic0, to: DVS-New, uplink: uplink2}
                - {op: move-pnic, pnic: vmnic1, to: DVS-New, uplink: uplink3}
                - {op: remove-standard-switch, switch: vSwitch-mig}
                - {op: verify}
                - {op: exit-maintenance}
      """;

  /** A migration of the given hosts with one wave per entry of {@code waves} (host lists). */
  public static String staged(String selector, String gate, String... waves) {
    return stagedWith(SAFE_STEPS, selector, gate, waves);
  }

  /** The safe steps with {@code edit} applied to their text (one {@code - {op: ...}} per line). */
  public static String steps(java.util.function.UnaryOperator<String> edit) {
    String plain =
        SAFE_STEPS.lines().map(String::strip).collect(java.util.stream.Collectors.joining("\n"))
            + "\n";
    return edit.apply(plain)
        .lines()
        .filter(l -> !l.isBlank())
        .map(l -> "          " + l.strip() + "\n")
        .collect(java.util.stream.Collectors.joining());
  }

  public static String stagedWith(String steps, String selector, String gate, String... waves) {
    StringBuilder sb =
        new StringBuilder(
            """
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata: {id: CHG-STAGED}
        spec:
          changes:
            - id: c1
              action: migrate-hosts
              from: DVS-LACP
              to: DVS-New
              hosts: %s
              uplinks: {vmnic0: uplink2, vmnic1: uplink3}
              vmkernels: {vmk0: pg-mgmt-new, vmk1: pg-vmotion-new}
          rollout:
            waves:
        """
                .formatted(selector));
    for (int i = 0; i < waves.length; i++) {
      sb.append("      - name: w").append(i + 1).append('\n');
      sb.append("        hosts: [").append(waves[i]).append("]\n");
      sb.append("        steps:\n").append(steps);
      if (gate != null && i < waves.length - 1) {
        sb.append("        gate: ").append(gate).append('\n');
      }
    }
    return sb.toString();
  }

  public static final String GATE =
      "{soakMinutes: 15, checks: [host-connected, management-reachable]}";

  /**
   * The fully staged, safe rollout of the whole cluster: canary, two waves, vCenter's host last.
   */
  public static final String SAFE_ROLLOUT =
      staged("{cluster: prod}", GATE, "esx-01", "esx-02", "esx-03", "esx-04");
}
