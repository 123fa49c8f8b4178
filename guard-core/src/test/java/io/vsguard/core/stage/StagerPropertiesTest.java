package io.vsguard.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.Checks;
import io.vsguard.core.decision.Verdict;
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
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.HostSelector;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.InventoryIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Over generated sites (clusters of various sizes and HA levels, source switches with and without
 * LACP, vCenter anywhere or nowhere, disconnected hosts) and migrations of all or one cluster's
 * hosts: every staged plan checks clean, every affected host is in exactly one wave, no wave breaks
 * HA capacity or the site's wave bounds — or the stager refuses, with a reason.
 */
public class StagerPropertiesTest {
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");

  /** One generated site and plan. */
  public record Scenario(Inventory inventory, ChangePlan plan, Parameters params) {
    @Override
    public String toString() {
      return "hosts="
          + inventory.hosts().size()
          + " clusters="
          + inventory.clusters().stream()
              .map(c -> c.name() + "/" + c.hosts().size() + "/ftt" + c.haHostFailuresTolerated())
              .toList()
          + " lacp="
          + inventory.distributedSwitches().get(0).usesLacp()
          + " vcenter="
          + (inventory.vcenter() == null ? null : inventory.vcenter().host())
          + " disconnected="
          + inventory.hosts().stream()
              .filter(h -> h.connectionState() != ConnectionState.CONNECTED)
              .map(Host::name)
              .toList()
          + " selector="
          + ((Change.MigrateHosts) plan.spec().changes().get(0)).hosts()
          + " maxWave="
          + params.maxWaveHosts()
          + " pct="
          + params.maxWavePercent();
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<Integer>> clusterSizes =
        Arbitraries.integers().between(1, 9).list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<List<Integer>> ftts = Arbitraries.integers().between(0, 3).list().ofSize(3);
    Arbitrary<Boolean> lacp = Arbitraries.of(true, false);
    Arbitrary<Integer> vcenterPick = Arbitraries.integers().between(-1, 30);
    Arbitrary<List<Integer>> disconnected =
        Arbitraries.integers().between(0, 40).list().ofMaxSize(2);
    Arbitrary<Integer> selector = Arbitraries.integers().between(0, 2);
    Arbitrary<Integer> maxWave = Arbitraries.integers().between(1, 6);
    Arbitrary<Integer> pct = Arbitraries.of(10, 25, 50, 100);
    return Combinators.combine(
            clusterSizes, ftts, lacp, vcenterPick, disconnected, selector, maxWave, pct)
        .as(StagerPropertiesTest::build);
  }

  public static Scenario build(
      List<Integer> sizes,
      List<Integer> ftts,
      boolean lacp,
      int vcPick,
      List<Integer> down,
      int selector,
      int maxWave,
      int pct) {
    List<Host> hosts = new ArrayList<>();
    List<Cluster> clusters = new ArrayList<>();
    List<Member> sourceMembers = new ArrayList<>();
    List<Member> targetMembers = new ArrayList<>();
    int n = 0;
    for (int c = 0; c < sizes.size(); c++) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < sizes.get(c); i++, n++) {
        String name = String.format("esx-%02d", n);
        names.add(name);
        ConnectionState state =
            down.contains(n) ? ConnectionState.DISCONNECTED : ConnectionState.CONNECTED;
        hosts.add(
            new Host(
                "host-" + n,
                name,
                "DC",
                "cl-" + c,
                "6.0.0",
                "1",
                state,
                false,
                List.of("vmnic0", "vmnic1", "vmnic2"),
                List.of(),
                List.of(
                    new Vmkernel("vmk0", "SRC", "pg-mgmt", List.of("management")),
                    new Vmkernel("vmk1", "SRC", "pg-vmotion", List.of("vmotion"))),
                (n * 7) % 13));
        sourceMembers.add(
            new Member(
                name,
                lacp
                    ? List.of(
                        new MemberPnic("vmnic0", "lag1-0"), new MemberPnic("vmnic1", "lag1-1"))
                    : List.of(
                        new MemberPnic("vmnic0", "uplink1"), new MemberPnic("vmnic1", "uplink2"))));
        targetMembers.add(new Member(name, List.of(new MemberPnic("vmnic2", "uplink1"))));
      }
      clusters.add(new Cluster("cl-" + c, "DC", true, true, ftts.get(c), names));
    }
    Portgroup.Teaming srcTeaming =
        new Portgroup.Teaming(
            "loadbalance_ip", lacp ? List.of("lag1") : List.of("uplink1", "uplink2"), List.of());
    DistributedSwitch src =
        new DistributedSwitch(
            "dvs-1",
            null,
            "SRC",
            "DC",
            "6.0.0",
            null,
            List.of("uplink1", "uplink2"),
            lacp
                ? new Lacp(Lacp.MULTIPLE_LAG, List.of(new Lag("lag1", "active", 2, "srcDestIp")))
                : new Lacp(Lacp.MULTIPLE_LAG, List.of()),
            sourceMembers,
            List.of(
                new Portgroup("pg-mgmt", "pg-1", 10, false, srcTeaming, null),
                new Portgroup("pg-vmotion", "pg-2", 20, false, srcTeaming, null)));
    DistributedSwitch dst =
        new DistributedSwitch(
            "dvs-2",
            null,
            "DST",
            "DC",
            "6.0.0",
            null,
            List.of("uplink1", "uplink2", "uplink3"),
            new Lacp(Lacp.MULTIPLE_LAG, List.of()),
            targetMembers,
            List.of(
                new Portgroup("pg-mgmt", "pg-11", 10, false, null, null),
                new Portgroup("pg-vmotion", "pg-12", 20, false, null, null)));
    Inventory.VcenterPlacement vc =
        vcPick >= 0 && vcPick < hosts.size()
            ? new Inventory.VcenterPlacement("vcsa", hosts.get(vcPick).name())
            : null;
    Inventory inv =
        new Inventory(
            Inventory.API_VERSION,
            Inventory.KIND,
            NOW,
            null,
            vc,
            List.of(new Inventory.Datacenter("DC")),
            clusters,
            hosts,
            List.of(src, dst));
    HostSelector sel =
        selector == 0
            ? new HostSelector.AllMembers()
            : selector == 1
                ? new HostSelector.InCluster("cl-0")
                : new HostSelector.InDatacenter("DC");
    ChangePlan plan =
        new ChangePlan(
            "vsguard/v1",
            ChangePlan.KIND,
            new ChangePlan.Metadata("P", null, null, null),
            new ChangePlan.Spec(
                null,
                List.of(
                    new Change.MigrateHosts(
                        "c1",
                        SwitchRef.distributed("SRC"),
                        SwitchRef.distributed("DST"),
                        sel,
                        Map.of(),
                        Map.of())),
                null));
    Parameters params =
        new Parameters(maxWave, pct, 15, 60, 1, 64, 24, false, Parameters.DEFAULTS.gateChecks());
    return new Scenario(inv, plan, params);
  }

  @Property(tries = 300)
  void everyStagedPlanChecksCleanAndCoversEachHostOnceWithinBounds(
      @ForAll("scenarios") Scenario s) {
    StageResult r = Checks.stage(Checks.builtIn(s.params()), s.plan(), s.inventory(), NOW);
    Statistics.collect(r instanceof StageResult.Staged ? "staged" : "refused");
    // A property that only ever sees refusals proves nothing: most generated sites must stage.
    Statistics.coverage(c -> c.check("staged").percentage(p -> p >= 40));
    InventoryIndex idx = new InventoryIndex(s.inventory());
    List<String> affected = AffectedHosts.of(s.plan(), idx).all();
    boolean anyDisconnected =
        affected.stream()
            .anyMatch(
                h -> idx.host(h).orElseThrow().connectionState() != ConnectionState.CONNECTED);
    if (r instanceof StageResult.Refused refused) {
      assertThat(refused.reasons()).isNotEmpty().allMatch(reason -> !reason.isBlank());
      return;
    }
    assertThat(anyDisconnected).as("a plan touching a disconnected host is never staged").isFalse();
    ChangePlan staged = ((StageResult.Staged) r).plan();
    List<Rollout.Wave> waves = staged.spec().rollout().waves();

    List<Finding> findings =
        Checks.check(Checks.builtIn(s.params()), staged, s.inventory(), NOW).findings();
    assertThat(Verdict.of(findings)).as("%s", findings).isNotEqualTo(Verdict.BLOCK);

    List<String> inWaves = waves.stream().flatMap(w -> w.hosts().stream()).toList();
    assertThat(inWaves).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(affected);
    assertThat(waves.get(0).hosts()).hasSize(1);

    for (Rollout.Wave w : waves) {
      assertThat(w.hosts().size()).isLessThanOrEqualTo(s.params().maxWaveHosts());
      boolean maintenance = w.steps().stream().anyMatch(Step.EnterMaintenance.class::isInstance);
      Map<String, Integer> perCluster = new HashMap<>();
      w.hosts().forEach(h -> perCluster.merge(idx.clusterOf(h).orElseThrow(), 1, Integer::sum));
      perCluster.forEach(
          (c, count) -> {
            int ftt = idx.cluster(c).orElseThrow().haHostFailuresTolerated();
            if (maintenance) {
              assertThat(count)
                  .as("hosts of %s in maintenance in wave %s", c, w.name())
                  .isLessThanOrEqualTo(ftt);
            }
          });
    }
    if (s.inventory().vcenter() != null && affected.contains(s.inventory().vcenter().host())) {
      assertThat(waves.get(waves.size() - 1).hosts())
          .containsExactly(s.inventory().vcenter().host());
    }
  }

  @Property(tries = 100)
  void aLacpMigrationAlwaysPassesThroughAStandardSwitch(@ForAll("scenarios") Scenario s) {
    if (!s.inventory().distributedSwitches().get(0).usesLacp()) {
      return;
    }
    if (Checks.stage(Checks.builtIn(s.params()), s.plan(), s.inventory(), NOW)
        instanceof StageResult.Staged st) {
      for (Rollout.Wave w : st.plan().spec().rollout().waves()) {
        int firstStandard =
            indexOf(w.steps(), x -> x instanceof Step.MovePnic m && m.to().standard());
        int firstTarget =
            indexOf(w.steps(), x -> x instanceof Step.MovePnic m && m.to().distributed());
        assertThat(firstStandard).isGreaterThanOrEqualTo(0).isLessThan(firstTarget);
      }
    }
  }

  private static int indexOf(List<Step> steps, java.util.function.Predicate<Step> p) {
    for (int i = 0; i < steps.size(); i++) {
      if (p.test(steps.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
