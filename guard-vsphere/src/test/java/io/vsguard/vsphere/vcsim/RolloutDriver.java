package io.vsguard.vsphere.vcsim;

import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.vsphere.CaptureOptions;
import io.vsguard.vsphere.VsphereCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries out rollout steps against the simulated vCenter, one host and one step at a time, each
 * step as the vim25 call(s) an operator or PowerCLI would make (the mapping is in the harness
 * README, "From rollout steps to vim25 calls"; {@code vsguard apply} will reuse it). Small on
 * purpose: it executes, it does not decide — a step that fails stops the host's steps with the
 * fault vCenter gave. Gates are checked on a fresh capture after each wave; their soak time is not
 * waited for.
 */
final class RolloutDriver {

  private final VimSession vim;
  private final Supplier<Inventory> capture;

  RolloutDriver(VimSession vim, Supplier<Inventory> capture) {
    this.vim = vim;
    this.capture = capture;
  }

  static Supplier<Inventory> captureWith(VsphereCapture capture) {
    return () -> {
      try {
        return capture.capture(VcsimRoundTripTest.USER, CaptureOptions.DEFAULTS, n -> {});
      } catch (Exception e) {
        throw new AssertionError("capture failed: " + e.getMessage(), e);
      }
    };
  }

  /** A step that vCenter refused or that broke the host. */
  static final class StepFailed extends Exception {
    final String host;
    final Step step;
    final String fault;

    StepFailed(String host, Step step, String fault, String message) {
      super(
          host
              + ": "
              + step.describe()
              + ": "
              + fault
              + (message == null ? "" : " (" + message + ")"));
      this.host = host;
      this.step = step;
      this.fault = fault;
    }
  }

  /** Runs every wave in order; a failed step or gate stops the rollout. */
  void run(Rollout rollout) throws StepFailed {
    for (Rollout.Wave wave : rollout.waves()) {
      for (String host : wave.hosts()) {
        for (Step step : wave.steps()) {
          step(host, step);
        }
      }
      if (wave.gate() != null) {
        gate(wave);
      }
    }
  }

  void step(String host, Step step) throws StepFailed {
    if (step instanceof Step.EnterMaintenance) {
      task(host, step, vim.enterMaintenanceMode(host, 0));
    } else if (step instanceof Step.ExitMaintenance) {
      task(host, step, vim.exitMaintenanceMode(host));
    } else if (step instanceof Step.CreateStandardSwitch c) {
      sync(host, step, vim.addVirtualSwitch(host, c.switchName(), List.of()));
    } else if (step instanceof Step.RemoveStandardSwitch r) {
      sync(host, step, vim.removeVirtualSwitch(host, r.switchName()));
    } else if (step instanceof Step.MovePnic m && m.to().standard()) {
      sync(host, step, pnicToStandard(host, m.pnic(), m.to().name()));
    } else if (step instanceof Step.MovePnic m) {
      VimSession.Switch target = vim.dvs(m.to().name());
      Map<String, String> backing = new LinkedHashMap<>(vim.backing(host, target.uuid()));
      backing.put(m.pnic(), port(host, m, target, backing));
      task(
          host,
          step,
          vim.reconfigureDvs(
              m.to().name(), List.of(vim.member("edit", host, VimSession.pnicBacking(backing)))));
    } else if (step instanceof Step.MoveVmkernel m && m.to().standard()) {
      if (!hasPortgroup(host, m.portgroup())) {
        sync(
            host,
            step,
            vim.addPortGroup(host, m.portgroup(), m.to().name(), currentVlan(host, m.vmk())));
      }
      sync(host, step, vim.moveVmkToStandard(host, m.vmk(), m.portgroup()));
    } else if (step instanceof Step.MoveVmkernel m) {
      VimSession.Switch target = vim.dvs(m.to().name());
      String key = target.portgroupKeys().get(m.portgroup());
      if (key == null) {
        throw new StepFailed(
            host, step, "NotFound", "no portgroup " + m.portgroup() + " on " + m.to().name());
      }
      sync(host, step, vim.moveVmkToDvs(host, m.vmk(), target.uuid(), key));
    } else if (step instanceof Step.RemoveFromSwitch r) {
      task(
          host,
          step,
          vim.reconfigureDvs(r.switchName(), List.of(vim.member("remove", host, null))));
    } else if (step instanceof Step.AddToSwitch a) {
      task(host, step, vim.reconfigureDvs(a.switchName(), List.of(vim.member("add", host, null))));
    } else if (step instanceof Step.Verify) {
      String state = vim.connectionState(host);
      if (!"connected".equals(state)) {
        throw new StepFailed(host, step, "HostNotConnected", "connection state " + state);
      }
    } else {
      throw new StepFailed(
          host, step, "NotSupported", "no vim25 translation for " + step.op() + " in the tests");
    }
  }

  /**
   * A pnic onto a standard switch in one UpdateNetworkConfig: released by the switch that has it
   * (proxy switch backing or another standard switch's bridge) and bridged by the target.
   */
  private RawSoap.Answer pnicToStandard(String host, String pnic, String vswitch) {
    StringBuilder config = new StringBuilder();
    String fromVss = vim.vswitchOfPnic(host, pnic);
    if (fromVss != null && !fromVss.equals(vswitch)) {
      List<String> rest = new ArrayList<>(vim.vswitchPnics(host, fromVss));
      rest.remove(pnic);
      config.append(VimSession.vswitchEdit(fromVss, rest));
    }
    List<String> bridged = new ArrayList<>(vim.vswitchPnics(host, vswitch));
    bridged.add(pnic);
    config.append(VimSession.vswitchEdit(vswitch, bridged));
    String fromDvs = vim.proxyOfPnic(host, pnic);
    if (fromDvs != null) {
      Map<String, String> rest = new LinkedHashMap<>(vim.backing(host, fromDvs));
      rest.remove(pnic);
      config.append(VimSession.proxyEdit(fromDvs, rest));
    }
    return vim.updateNetworkConfig(host, config.toString());
  }

  /**
   * The DV port for a pnic: the named uplink, a LAG's first free port, or the first free uplink.
   */
  private String port(
      String host, Step.MovePnic step, VimSession.Switch target, Map<String, String> backing)
      throws StepFailed {
    String uplink = step.uplink();
    Map<String, String> ports = vim.uplinkPorts(host, target.uuid());
    if (uplink != null && ports.containsKey(uplink)) {
      return ports.get(uplink);
    }
    for (Map.Entry<String, String> p : ports.entrySet()) {
      boolean wanted =
          uplink == null ? !p.getKey().contains("-") : p.getKey().startsWith(uplink + "-");
      if (wanted && !backing.containsValue(p.getValue())) {
        return p.getValue();
      }
    }
    throw new StepFailed(
        host,
        step,
        "NotFound",
        "no free port "
            + (uplink == null ? "" : uplink + " ")
            + "of "
            + step.to().name()
            + " on "
            + host);
  }

  private boolean hasPortgroup(String host, String portgroup) {
    return RawSoap.children(vim.hostNetwork(host), "portgroup").stream()
        .anyMatch(
            pg -> portgroup.equals(RawSoap.childText(RawSoap.children(pg, "spec").get(0), "name")));
  }

  /** The VLAN of the portgroup a VMkernel adapter is on now, for its transitional portgroup. */
  private int currentVlan(String host, String vmk) {
    Inventory inv = capture.get();
    Host h = inv.hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
    Vmkernel v = h.vmkernel(vmk).orElseThrow(() -> new AssertionError("no " + vmk + " on " + host));
    return inv.distributedSwitches().stream()
        .filter(d -> d.name().equals(v.switchName()))
        .findFirst()
        .flatMap(d -> d.portgroup(v.portgroup()))
        .map(pg -> pg.vlan() == null ? 0 : pg.vlan())
        .orElse(0);
  }

  private void sync(String host, Step step, RawSoap.Answer answer) throws StepFailed {
    if (answer.status() != 200) {
      throw new StepFailed(host, step, answer.faultType(), answer.text("faultstring"));
    }
  }

  private void task(String host, Step step, String task) throws StepFailed {
    VimSession.TaskResult result = vim.await(task);
    if (!result.succeeded()) {
      throw new StepFailed(host, step, result.fault(), result.message());
    }
  }

  /** host-connected, management-reachable and no-new-alarms for every host of the wave. */
  private void gate(Rollout.Wave wave) throws StepFailed {
    Inventory inv = capture.get();
    Step gate = new Step.Verify();
    for (String name : wave.hosts()) {
      Host h = inv.hosts().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      List<String> checks = wave.gate().checks();
      if (checks.contains("host-connected") && h.connectionState() != ConnectionState.CONNECTED) {
        throw new StepFailed(name, gate, "gate host-connected", h.connectionState().wire());
      }
      if (checks.contains("management-reachable") && !managementUplinked(inv, h)) {
        throw new StepFailed(
            name, gate, "gate management-reachable", "no uplink carries the management adapter");
      }
      if (checks.contains("no-new-alarms") && vim.triggeredAlarms(name) > 0) {
        throw new StepFailed(
            name, gate, "gate no-new-alarms", vim.triggeredAlarms(name) + " triggered alarms");
      }
    }
  }

  /**
   * A management adapter has a pnic its portgroup's failover order uses (or any pnic on a standard
   * switch).
   */
  static boolean managementUplinked(Inventory inv, Host h) {
    for (Vmkernel v : h.vmkernels()) {
      if (!v.carriesManagement()) {
        continue;
      }
      boolean up =
          h.standardSwitch(v.switchName())
              .map(s -> !s.pnics().isEmpty())
              .orElseGet(
                  () -> {
                    DistributedSwitch d =
                        inv.distributedSwitches().stream()
                            .filter(s -> s.name().equals(v.switchName()))
                            .findFirst()
                            .orElseThrow();
                    var teaming = d.portgroup(v.portgroup()).map(pg -> pg.teaming()).orElse(null);
                    return d.member(h.name())
                        .map(m -> m.pnics().stream().anyMatch(p -> d.carries(teaming, p.uplink())))
                        .orElse(false);
                  });
      if (!up) {
        return false;
      }
    }
    return true;
  }
}
