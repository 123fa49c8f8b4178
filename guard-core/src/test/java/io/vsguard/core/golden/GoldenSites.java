package io.vsguard.core.golden;

import io.vsguard.core.model.Cluster;
import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.Lacp;
import io.vsguard.core.model.DistributedSwitch.Lag;
import io.vsguard.core.model.DistributedSwitch.Member;
import io.vsguard.core.model.DistributedSwitch.MemberPnic;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.StandardSwitch;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.HostSelector;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generated sites of a few hundred hosts for the golden test, each a small variation on the 2016
 * site: a source switch (enhanced LACP, basic LACP or none) carrying the hosts' vmkernels, a target
 * switch some hosts already belong to, a backup switch with a LAG, clusters with and without a
 * known HA level across datacenters, the vCenter VM and critical VMs on chosen hosts, hosts already
 * in maintenance or disconnected. Deterministic: the same spec gives the same site.
 */
final class GoldenSites {
  static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");
  static final String SRC = "DVS-Src";
  static final String DST = "DVS-Dst";
  static final String BAK = "DVS-Backup";

  enum SourceLacp {
    NONE,
    ENHANCED,
    BASIC
  }

  /**
   * @param clusterFtt HA failures tolerated per cluster, by cluster number modulo its size; null
   *     entries mean HA admission control is unknown
   * @param targetEvery every n-th host is already a member of the target switch (0: none)
   * @param oldEvery every n-th host runs ESXi 6.0, too old for the target switch (0: none)
   */
  record Spec(
      int hosts,
      int clusterSize,
      int datacenters,
      SourceLacp lacp,
      boolean mgmtOnSource,
      int vcenterHost,
      Set<Integer> critical,
      Set<Integer> disconnected,
      Set<Integer> inMaintenance,
      List<Integer> clusterFtt,
      int targetEvery,
      int oldEvery) {}

  private GoldenSites() {}

  static String host(int i) {
    return String.format("esx-%04d", i);
  }

  static String cluster(int c) {
    return String.format("cl-%02d", c);
  }

  static int clusterOf(Spec s, int i) {
    return (i - 1) / s.clusterSize() + 1;
  }

  static Inventory inventory(Spec s) {
    List<Host> hosts = new ArrayList<>();
    Map<Integer, List<String>> byCluster = new LinkedHashMap<>();
    List<Member> src = new ArrayList<>();
    List<Member> dst = new ArrayList<>();
    List<Member> bak = new ArrayList<>();
    for (int i = 1; i <= s.hosts(); i++) {
      String name = host(i);
      int c = clusterOf(s, i);
      byCluster.computeIfAbsent(c, k -> new ArrayList<>()).add(name);
      List<StandardSwitch> vss = new ArrayList<>();
      if (!s.mgmtOnSource()) {
        vss.add(new StandardSwitch("vSwitch0", List.of("vmnic3"), List.of("Management Network")));
      }
      if (i % 7 == 0) {
        // a leftover of an earlier migration: the stager must pick another transit name
        vss.add(new StandardSwitch("vSwitch-vsguard", List.of(), List.of("VM Network")));
      }
      List<Vmkernel> vmks = new ArrayList<>();
      vmks.add(
          s.mgmtOnSource()
              ? new Vmkernel("vmk0", SRC, "pg-mgmt", List.of("management"))
              : new Vmkernel("vmk0", "vSwitch0", "Management Network", List.of("management")));
      vmks.add(new Vmkernel("vmk1", SRC, "pg-vmotion", List.of("vmotion")));
      if (i % 5 == 0) {
        vmks.add(new Vmkernel("vmk2", SRC, "pg-nfs", List.of()));
      }
      List<String> vms =
          s.critical().contains(i)
              ? List.of(String.format("dns-%02d", i % 3 + 1))
              : i % 2 == 0 ? List.of(String.format("app-%04d", i)) : List.of();
      ConnectionState state =
          s.disconnected().contains(i)
              ? (i % 2 == 0 ? ConnectionState.DISCONNECTED : ConnectionState.NOT_RESPONDING)
              : ConnectionState.CONNECTED;
      String version = s.oldEvery() > 0 && i % s.oldEvery() == 0 ? "6.0.0" : "6.7.0";
      hosts.add(
          new Host(
              "host-" + i,
              name,
              "DC" + ((c - 1) % s.datacenters() + 1),
              cluster(c),
              version,
              "1",
              state,
              s.inMaintenance().contains(i),
              List.of("vmnic0", "vmnic1", "vmnic2", "vmnic3"),
              vss,
              vmks,
              (i * 7) % 13,
              vms));
      src.add(
          new Member(
              name,
              s.lacp() == SourceLacp.ENHANCED
                  ? List.of(new MemberPnic("vmnic0", "lag1-0"), new MemberPnic("vmnic1", "lag1-1"))
                  : List.of(
                      new MemberPnic("vmnic0", "uplink1"), new MemberPnic("vmnic1", "uplink2"))));
      if (s.targetEvery() > 0 && i % s.targetEvery() == 0) {
        dst.add(new Member(name, List.of(new MemberPnic("vmnic2", "uplink3"))));
      }
      if (c == 1) {
        bak.add(new Member(name, List.of()));
      }
    }
    List<Cluster> clusters = new ArrayList<>();
    byCluster.forEach(
        (c, names) -> {
          Integer ftt = s.clusterFtt().get((c - 1) % s.clusterFtt().size());
          clusters.add(
              new Cluster(
                  cluster(c),
                  "DC" + ((c - 1) % s.datacenters() + 1),
                  true,
                  ftt != null,
                  ftt,
                  names));
        });
    List<Inventory.Datacenter> dcs = new ArrayList<>();
    for (int d = 1; d <= s.datacenters(); d++) {
      dcs.add(new Inventory.Datacenter("DC" + d));
    }
    Inventory.VcenterPlacement vc =
        s.vcenterHost() > 0
            ? new Inventory.VcenterPlacement("vcsa-01", host(s.vcenterHost()))
            : null;
    return new Inventory(
        Inventory.API_VERSION,
        Inventory.KIND,
        NOW,
        new Inventory.Source("vcenter", "https://vc.example/sdk", "6.7", "uuid-1"),
        vc,
        dcs,
        clusters,
        hosts,
        List.of(source(s, src), target(dst), backup(bak)));
  }

  private static DistributedSwitch source(Spec s, List<Member> members) {
    List<String> uplinks = List.of("uplink1", "uplink2", "uplink3", "uplink4");
    return switch (s.lacp()) {
      case ENHANCED -> {
        Portgroup.Teaming lag = new Portgroup.Teaming("loadbalance_ip", List.of("lag1"), List.of());
        yield new DistributedSwitch(
            "dvs-1",
            "u-1",
            SRC,
            "DC1",
            "6.5.0",
            null,
            uplinks,
            new Lacp(Lacp.MULTIPLE_LAG, List.of(new Lag("lag1", "active", 2, "srcDestIp"))),
            members,
            List.of(
                new Portgroup("pg-mgmt", "pg-1", 10, false, lag, null),
                new Portgroup("pg-vmotion", "pg-2", 20, false, lag, null),
                new Portgroup("pg-nfs", "pg-3", 30, false, lag, null)));
      }
      case BASIC -> {
        Portgroup.Teaming ip =
            new Portgroup.Teaming("loadbalance_ip", List.of("uplink1", "uplink2"), List.of());
        yield new DistributedSwitch(
            "dvs-1",
            "u-1",
            SRC,
            "DC1",
            "6.5.0",
            null,
            uplinks,
            new Lacp(Lacp.SINGLE_LAG, List.of()),
            members,
            List.of(
                new Portgroup(
                    "Src-Uplinks",
                    "pg-0",
                    null,
                    true,
                    null,
                    new Portgroup.PortgroupLacp(true, "active")),
                new Portgroup("pg-mgmt", "pg-1", 10, false, ip, null),
                new Portgroup("pg-vmotion", "pg-2", 20, false, ip, null),
                new Portgroup("pg-nfs", "pg-3", 30, false, ip, null)));
      }
      case NONE -> {
        Portgroup.Teaming failover =
            new Portgroup.Teaming("failover_explicit", List.of("uplink1"), List.of("uplink2"));
        yield new DistributedSwitch(
            "dvs-1",
            "u-1",
            SRC,
            "DC1",
            "6.5.0",
            1500,
            uplinks,
            new Lacp(Lacp.MULTIPLE_LAG, List.of()),
            members,
            List.of(
                new Portgroup("pg-mgmt", "pg-1", 10, false, failover, null),
                new Portgroup("pg-vmotion", "pg-2", 20, false, failover, null),
                new Portgroup("pg-nfs", "pg-3", 30, false, null, null)));
      }
    };
  }

  private static DistributedSwitch target(List<Member> members) {
    return new DistributedSwitch(
        "dvs-2",
        "u-2",
        DST,
        "DC1",
        "6.6.0",
        9000,
        List.of("uplink1", "uplink2", "uplink3", "uplink4"),
        null,
        members,
        List.of(
            new Portgroup(
                "pg-mgmt-v2",
                "pg-11",
                10,
                false,
                new Portgroup.Teaming(
                    "failover_explicit", List.of("uplink1", "uplink3"), List.of()),
                null),
            new Portgroup("pg-vmotion-v2", "pg-12", 20, false, null, null),
            new Portgroup("pg-nfs", "pg-13", 30, false, null, null)));
  }

  private static DistributedSwitch backup(List<Member> members) {
    return new DistributedSwitch(
        "dvs-3",
        "u-3",
        BAK,
        "DC1",
        "6.6.0",
        null,
        List.of("uplink1", "uplink2"),
        new Lacp(Lacp.MULTIPLE_LAG, List.of(new Lag("lag-b", "active", 2, "srcDestIp"))),
        members,
        List.of(
            new Portgroup(
                "pg-backup",
                "pg-21",
                40,
                false,
                new Portgroup.Teaming("loadbalance_ip", List.of("lag-b"), List.of()),
                null)));
  }

  /**
   * Plans keep their maps in document order, as the loader reads them; Map.of's order changes run
   * to run.
   */
  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  static ChangePlan plan(String id, List<Change> changes, Rollout rollout) {
    return new ChangePlan(
        "vsguard/v1",
        ChangePlan.KIND,
        new ChangePlan.Metadata(id, "golden " + id, null, null),
        new ChangePlan.Spec(null, changes, rollout));
  }

  static Change.MigrateHosts migrate(String id, HostSelector hosts) {
    return new Change.MigrateHosts(
        id,
        SwitchRef.distributed(SRC),
        SwitchRef.distributed(DST),
        hosts,
        ordered("vmnic0", "uplink1", "vmnic1", "uplink2"),
        ordered("vmk0", "pg-mgmt-v2", "vmk1", "pg-vmotion-v2"));
  }

  static Change.MigrateHosts migrateToStandard(String id, HostSelector hosts) {
    return new Change.MigrateHosts(
        id,
        SwitchRef.distributed(SRC),
        SwitchRef.standard("vSwitch-mig"),
        hosts,
        Map.of(),
        Map.of());
  }

  static List<Change> joinAndLeaveBackup() {
    return List.of(
        new Change.AddHosts(
            "add",
            BAK,
            new HostSelector.InCluster(cluster(2)),
            ordered("vmnic2", "lag-b", "vmnic3", "lag-b")),
        new Change.RemoveHosts("remove", BAK, new HostSelector.InCluster(cluster(1))));
  }

  static List<Change> switchWide() {
    return List.of(
        new Change.UpgradeSwitch("upgrade", SRC, "6.6.0"),
        new Change.SetMtu("mtu", SRC, 9000),
        new Change.SetTeaming(
            "teaming",
            SRC,
            "pg-vmotion",
            new Portgroup.Teaming("failover_explicit", List.of("uplink3"), List.of("uplink4"))),
        new Change.ReconfigureLag("lag", SRC, "lag1", new Change.LagSettings(null, 4, null)),
        new Change.ConvertLacp("convert", SRC, Lacp.MULTIPLE_LAG));
  }

  /**
   * Waves of {@code size} hosts in the given order, the first a one-host canary, each with {@code
   * steps}.
   */
  static List<Rollout.Wave> waves(
      List<String> hosts, int size, List<Step> steps, Rollout.Gate gate) {
    List<Rollout.Wave> out = new ArrayList<>();
    out.add(new Rollout.Wave("canary", List.of(hosts.get(0)), steps, gate));
    for (int i = 1, n = 2; i < hosts.size(); i += size, n++) {
      out.add(
          new Rollout.Wave(
              "w" + n, hosts.subList(i, Math.min(hosts.size(), i + size)), steps, gate));
    }
    return out;
  }

  /** The safe per-host sequence off the source switch through a transit standard switch. */
  static List<Step> safeSteps(boolean joinTarget) {
    SwitchRef mig = SwitchRef.standard("vSwitch-mig");
    SwitchRef dst = SwitchRef.distributed(DST);
    List<Step> out =
        new ArrayList<>(
            List.of(
                new Step.EnterMaintenance(),
                new Step.CreateStandardSwitch("vSwitch-mig"),
                new Step.MovePnic("vmnic1", mig, null),
                new Step.MoveVmkernel("vmk0", mig, "pg-mgmt"),
                new Step.MoveVmkernel("vmk1", mig, "pg-vmotion"),
                new Step.MovePnic("vmnic0", mig, null),
                new Step.RemoveFromSwitch(SRC)));
    if (joinTarget) {
      out.add(new Step.AddToSwitch(DST));
    }
    out.addAll(
        List.of(
            new Step.MovePnic("vmnic0", dst, "uplink1"),
            new Step.MoveVmkernel("vmk0", dst, "pg-mgmt-v2"),
            new Step.MoveVmkernel("vmk1", dst, "pg-vmotion-v2"),
            new Step.MovePnic("vmnic1", dst, "uplink2"),
            new Step.RemoveStandardSwitch("vSwitch-mig"),
            new Step.Verify(),
            new Step.ExitMaintenance()));
    return out;
  }

  /** The naive sequence written out by hand: pnics and vmkernels straight onto the target. */
  static List<Step> directSteps() {
    SwitchRef dst = SwitchRef.distributed(DST);
    return List.of(
        new Step.AddToSwitch(DST),
        new Step.MovePnic("vmnic0", dst, "uplink1"),
        new Step.MovePnic("vmnic1", dst, "uplink2"),
        new Step.MoveVmkernel("vmk0", dst, "pg-mgmt-v2"),
        new Step.MoveVmkernel("vmk1", dst, "pg-vmotion-v2"),
        new Step.RemoveFromSwitch(SRC));
  }
}
