package io.vsguard.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.Checks;
import io.vsguard.core.model.Cluster;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.VmAdapter;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.rules.ManagementConnectivity;
import io.vsguard.core.sim.HostNet;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.core.sim.NetworkState;
import io.vsguard.core.sim.Segment;
import java.time.Instant;
import java.util.ArrayList;
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
 * Over the sites of {@link StagerPropertiesTest} with DRS off everywhere, running VMs whose
 * adapters sit on two VM portgroups of the source switch (the target has one under the same name,
 * the other under another name on the same VLAN), and {@code allowWithoutMaintenance} on: every
 * staged plan takes its hosts through without maintenance mode, and — walked step by step through
 * the simulation here, not through the rules — every VM adapter keeps a pnic and its VLAN after
 * every step.
 */
public class WithoutMaintenancePropertiesTest {
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");

  @Provide
  Arbitrary<StagerPropertiesTest.Scenario> scenarios() {
    Arbitrary<List<Integer>> clusterSizes =
        Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<List<Integer>> ftts = Arbitraries.integers().between(0, 3).list().ofSize(3);
    Arbitrary<Boolean> lacp = Arbitraries.of(true, false);
    Arbitrary<Integer> vcenterPick = Arbitraries.integers().between(-1, 20);
    Arbitrary<Integer> selector = Arbitraries.integers().between(0, 2);
    Arbitrary<Integer> maxWave = Arbitraries.integers().between(1, 6);
    Arbitrary<Integer> pct = Arbitraries.of(25, 50, 100);
    Arbitrary<Integer> adapters = Arbitraries.integers().between(1, 5);
    return Combinators.combine(
            clusterSizes, ftts, lacp, vcenterPick, selector, maxWave, pct, adapters)
        .as(
            (sizes, f, l, vc, sel, mw, p, n) ->
                withVms(StagerPropertiesTest.build(sizes, f, l, vc, List.of(), sel, mw, p), n));
  }

  /** DRS off, {@code perHost} adapters per host spread over pg-web and pg-db, the parameter on. */
  static StagerPropertiesTest.Scenario withVms(StagerPropertiesTest.Scenario s, int perHost) {
    Inventory inv = s.inventory();
    List<Host> hosts = new ArrayList<>();
    for (Host h : inv.hosts()) {
      List<String> vms = new ArrayList<>();
      List<VmAdapter> adapters = new ArrayList<>();
      for (int i = 0; i < perHost; i++) {
        String vm = h.name() + "-vm" + i;
        vms.add(vm);
        adapters.add(
            new VmAdapter(vm, "Network adapter 1", "SRC", i % 2 == 0 ? "pg-web" : "pg-db"));
      }
      hosts.add(
          new Host(
              h.id(),
              h.name(),
              h.datacenter(),
              h.cluster(),
              h.version(),
              h.build(),
              h.connectionState(),
              h.maintenanceMode(),
              h.pnics(),
              h.standardSwitches(),
              h.vmkernels(),
              perHost,
              vms,
              adapters));
    }
    List<Cluster> clusters =
        inv.clusters().stream()
            .map(
                c ->
                    new Cluster(
                        c.name(),
                        c.datacenter(),
                        false,
                        c.haEnabled(),
                        c.haHostFailuresTolerated(),
                        c.hosts()))
            .toList();
    DistributedSwitch src = inv.distributedSwitches().get(0);
    DistributedSwitch dst = inv.distributedSwitches().get(1);
    Portgroup.Teaming srcTeaming = src.portgroups().get(0).teaming();
    List<Portgroup> srcPgs = new ArrayList<>(src.portgroups());
    srcPgs.add(new Portgroup("pg-web", "pg-3", 100, false, srcTeaming, null));
    srcPgs.add(new Portgroup("pg-db", "pg-4", 200, false, srcTeaming, null));
    List<Portgroup> dstPgs = new ArrayList<>(dst.portgroups());
    dstPgs.add(new Portgroup("pg-web", "pg-13", 100, false, null, null));
    dstPgs.add(new Portgroup("pg-db-v2", "pg-14", 200, false, null, null));
    Inventory out =
        new Inventory(
            inv.apiVersion(),
            inv.kind(),
            inv.capturedAt(),
            inv.source(),
            inv.vcenter(),
            inv.datacenters(),
            clusters,
            hosts,
            List.of(src.withPortgroups(srcPgs), dst.withPortgroups(dstPgs)));
    return new StagerPropertiesTest.Scenario(
        out, s.plan(), s.params().withAllowWithoutMaintenance(true));
  }

  @Property(tries = 150)
  void everyVmAdapterKeepsItsNetworkThroughEverySimulatedStep(
      @ForAll("scenarios") StagerPropertiesTest.Scenario s) {
    StageResult r = Checks.stage(Checks.builtIn(s.params()), s.plan(), s.inventory(), NOW);
    Statistics.collect(r instanceof StageResult.Staged ? "staged" : "refused");
    Statistics.coverage(c -> c.check("staged").percentage(p -> p >= 40));
    if (r instanceof StageResult.Refused refused) {
      assertThat(refused.reasons()).isNotEmpty().allMatch(reason -> !reason.isBlank());
      return;
    }
    ChangePlan staged = ((StageResult.Staged) r).plan();
    InventoryIndex idx = new InventoryIndex(s.inventory());
    NetworkState net = new NetworkState(idx, staged);
    for (Rollout.Wave w : staged.spec().rollout().waves()) {
      assertThat(w.steps())
          .as("wave %s goes without maintenance mode", w.name())
          .noneMatch(Step.EnterMaintenance.class::isInstance);
      for (String host : w.hosts()) {
        Host inv = idx.host(host).orElseThrow();
        for (Step step : w.steps()) {
          assertThat(net.apply(host, step))
              .as("%s on %s", step.describe(), host)
              .isInstanceOf(NetworkState.Outcome.Applied.class);
          HostNet h = net.host(host).orElseThrow();
          assertThat(h.vmGroups()).hasSize(Math.min(2, inv.vmAdapters().size()));
          for (Map.Entry<HostNet.VmOrigin, HostNet.VmGroup> g : h.vmGroups().entrySet()) {
            HostNet.VmGroup now = g.getValue();
            assertThat(
                    ManagementConnectivity.carried(
                        h, now.sw(), now.portgroup(), net.switchesSnapshot()))
                .as(
                    "after %s on %s, VMs of %s / %s have a pnic",
                    step.describe(), host, now.sw(), now.portgroup())
                .isTrue();
            int vlan =
                Segment.ofInventory(idx, inv, g.getKey().sw(), g.getKey().portgroup())
                    .orElseThrow()
                    .vlan();
            assertThat(Segment.of(net, h, now.sw(), now.portgroup()).orElseThrow().carries(vlan))
                .as(
                    "after %s on %s, VMs of %s keep VLAN %d",
                    step.describe(), host, g.getKey().portgroup(), vlan)
                .isTrue();
          }
        }
      }
    }
  }
}
