package io.vsguard.core.rule;

import io.vsguard.core.model.Lists;
import java.util.List;

/**
 * Site limits the rules read. Defaults are conservative; policy packs override them. They are
 * parameters, not constants, because VMware's limits differ between vSphere releases.
 */
public record Parameters(
    int maxWaveHosts,
    int maxWavePercent,
    int soakMinutes,
    int maxInventoryAgeMinutes,
    int defaultHostFailuresTolerated,
    int maxLagsPerSwitch,
    int maxPortsPerLag,
    boolean requireWindow,
    List<String> gateChecks,
    List<String> criticalVms,
    List<Freeze> freezes,
    // Hosts of a cluster with DRS off may be staged without maintenance mode, their running VMs'
    // adapters moved with the host (off by default: VMs then ride through the change).
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
        boolean allowWithoutMaintenance) {

  public static final Parameters DEFAULTS =
      new Parameters(
          4,
          25,
          15,
          60,
          1,
          64,
          24,
          false,
          List.of("host-connected", "management-reachable", "no-new-alarms"));

  /** A period in which the site makes no change at all, whatever a plan's own window says. */
  public record Freeze(java.time.Instant start, java.time.Instant end, String reason) {
    public boolean covers(java.time.Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  /** Without critical VMs or freezes. */
  public Parameters(
      int maxWaveHosts,
      int maxWavePercent,
      int soakMinutes,
      int maxInventoryAgeMinutes,
      int defaultHostFailuresTolerated,
      int maxLagsPerSwitch,
      int maxPortsPerLag,
      boolean requireWindow,
      List<String> gateChecks) {
    this(
        maxWaveHosts,
        maxWavePercent,
        soakMinutes,
        maxInventoryAgeMinutes,
        defaultHostFailuresTolerated,
        maxLagsPerSwitch,
        maxPortsPerLag,
        requireWindow,
        gateChecks,
        List.of(),
        List.of(),
        false);
  }

  /** Without the no-maintenance path. */
  public Parameters(
      int maxWaveHosts,
      int maxWavePercent,
      int soakMinutes,
      int maxInventoryAgeMinutes,
      int defaultHostFailuresTolerated,
      int maxLagsPerSwitch,
      int maxPortsPerLag,
      boolean requireWindow,
      List<String> gateChecks,
      List<String> criticalVms,
      List<Freeze> freezes) {
    this(
        maxWaveHosts,
        maxWavePercent,
        soakMinutes,
        maxInventoryAgeMinutes,
        defaultHostFailuresTolerated,
        maxLagsPerSwitch,
        maxPortsPerLag,
        requireWindow,
        gateChecks,
        criticalVms,
        freezes,
        false);
  }

  public Parameters {
    gateChecks = Lists.copy(gateChecks);
    criticalVms = Lists.copy(criticalVms);
    freezes = Lists.copy(freezes);
    if (maxWaveHosts < 1 || maxWavePercent < 1 || maxWavePercent > 100) {
      throw new IllegalArgumentException(
          "maxWaveHosts must be >= 1 and maxWavePercent within 1..100");
    }
  }

  public Parameters withMaxWaveHosts(int n) {
    return new Parameters(
        n,
        maxWavePercent,
        soakMinutes,
        maxInventoryAgeMinutes,
        defaultHostFailuresTolerated,
        maxLagsPerSwitch,
        maxPortsPerLag,
        requireWindow,
        gateChecks,
        criticalVms,
        freezes,
        allowWithoutMaintenance);
  }

  public Parameters withSoakMinutes(int n) {
    return new Parameters(
        maxWaveHosts,
        maxWavePercent,
        n,
        maxInventoryAgeMinutes,
        defaultHostFailuresTolerated,
        maxLagsPerSwitch,
        maxPortsPerLag,
        requireWindow,
        gateChecks,
        criticalVms,
        freezes,
        allowWithoutMaintenance);
  }

  public Parameters withRequireWindow(boolean required) {
    return new Parameters(
        maxWaveHosts,
        maxWavePercent,
        soakMinutes,
        maxInventoryAgeMinutes,
        defaultHostFailuresTolerated,
        maxLagsPerSwitch,
        maxPortsPerLag,
        required,
        gateChecks,
        criticalVms,
        freezes,
        allowWithoutMaintenance);
  }

  public Parameters withAllowWithoutMaintenance(boolean allowed) {
    return new Parameters(
        maxWaveHosts,
        maxWavePercent,
        soakMinutes,
        maxInventoryAgeMinutes,
        defaultHostFailuresTolerated,
        maxLagsPerSwitch,
        maxPortsPerLag,
        requireWindow,
        gateChecks,
        criticalVms,
        freezes,
        allowed);
  }

  /** Most hosts of one cluster a wave may touch: {@code maxWavePercent} of it, at least one. */
  public int maxHostsOfCluster(int clusterSize) {
    return Math.max(1, clusterSize * maxWavePercent / 100);
  }
}
