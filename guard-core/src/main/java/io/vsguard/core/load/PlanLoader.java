package io.vsguard.core.load;

import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.HostSelector;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a ChangePlan (YAML or JSON). Plans are strict: an unknown field is an error, because a
 * misspelt optional field (say {@code vmkernel:} for {@code vmkernels:}) would otherwise be
 * silently ignored and the guard would evaluate a different change than the one intended.
 */
public final class PlanLoader {
  private static final List<String> LACP_TARGETS = List.of("multipleLag");
  private static final List<String> LAG_MODES = List.of("active", "passive");

  private PlanLoader() {}

  public static ChangePlan load(Path file) throws InputException {
    return read(DocumentReader.read(file, Limits.PLAN_BYTES));
  }

  public static ChangePlan read(String name, byte[] raw) throws InputException {
    return read(DocumentReader.decode(name, raw, Limits.PLAN_BYTES));
  }

  public static ChangePlan parse(String name, String text) throws InputException {
    return read(DocumentReader.parse(name, text, !text.stripLeading().startsWith("{")));
  }

  public static ChangePlan read(DocumentReader.Document doc) throws InputException {
    Node root = doc.rootNode().expectObject("a ChangePlan document", "apiVersion", "kind", "metadata", "spec");
    Header.check(root, ChangePlan.KIND);
    Node md = root.required("metadata").expectObject("metadata", "id", "title", "requestedBy", "ticket");
    ChangePlan.Metadata metadata = new ChangePlan.Metadata(md.text("id"), md.optText("title"),
        md.optText("requestedBy"), md.optText("ticket"));
    Node spec = root.required("spec").expectObject("spec", "window", "changes", "rollout");
    ChangePlan.Window window = null;
    Node w = spec.optional("window");
    if (w != null) {
      w.expectObject("window", "start", "end");
      window = new ChangePlan.Window(w.dateTime("start"), w.dateTime("end"));
      if (!window.end().isAfter(window.start())) {
        throw w.required("end").error("the window ends before it starts");
      }
    }
    List<Node> changeNodes = spec.required("changes").elements();
    if (changeNodes.isEmpty()) {
      throw spec.required("changes").error("expected at least one change");
    }
    Limits.count(spec.required("changes"), changeNodes.size(), Limits.CHANGES, "changes", "plan");
    List<Change> changes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Node c : changeNodes) {
      Change change = change(c);
      if (!ids.add(change.id())) {
        throw c.required("id").error("duplicate change id '" + change.id() + "'");
      }
      changes.add(change);
    }
    Rollout rollout = null;
    Node r = spec.optional("rollout");
    if (r != null) {
      rollout = rollout(r, ids);
    }
    return new ChangePlan(root.text("apiVersion"), root.text("kind"), metadata,
        new ChangePlan.Spec(window, changes, rollout));
  }

  private static Change change(Node c) throws InputException {
    c.expectObject("a change");
    String action = c.oneOf("action", Change.ACTIONS);
    String id = c.text("id");
    switch (action) {
      case "migrate-hosts":
        c.expectObject("a migrate-hosts change", "id", "action", "from", "to", "hosts", "uplinks", "vmkernels");
        SwitchRef from = switchRef(c, "from");
        if (from.standard()) {
          throw c.required("from").error("expected a distributed switch name (migrate-hosts moves hosts off a distributed switch)");
        }
        return new Change.MigrateHosts(id, from, switchRef(c, "to"), selector(c.required("hosts")),
            c.stringMap("uplinks"), c.stringMap("vmkernels"));
      case "add-hosts":
        c.expectObject("an add-hosts change", "id", "action", "switch", "hosts", "pnics");
        return new Change.AddHosts(id, c.text("switch"), selector(c.required("hosts")), c.stringMap("pnics"));
      case "remove-hosts":
        c.expectObject("a remove-hosts change", "id", "action", "switch", "hosts");
        return new Change.RemoveHosts(id, c.text("switch"), selector(c.required("hosts")));
      case "upgrade-switch":
        c.expectObject("an upgrade-switch change", "id", "action", "switch", "version");
        Node v = c.required("version");
        if (!v.text().matches("\\d+\\.\\d+(\\.\\d+)?")) {
          throw v.error("expected a switch version such as 6.5.0");
        }
        return new Change.UpgradeSwitch(id, c.text("switch"), v.text());
      case "convert-lacp":
        c.expectObject("a convert-lacp change", "id", "action", "switch", "to");
        return new Change.ConvertLacp(id, c.text("switch"), c.oneOf("to", LACP_TARGETS));
      case "reconfigure-lag": {
        c.expectObject("a reconfigure-lag change", "id", "action", "switch", "lag", "set");
        Node set = c.required("set").expectObject("set", "mode", "uplinkCount", "loadBalancing");
        if (set.has("mode")) {
          set.oneOf("mode", LAG_MODES);
        }
        Integer count = set.optInteger("uplinkCount");
        if (count != null && count < 1) {
          throw set.required("uplinkCount").error("expected 1 or more");
        }
        if (!set.has("mode") && count == null && !set.has("loadBalancing")) {
          throw set.error("expected at least one of mode, uplinkCount, loadBalancing");
        }
        return new Change.ReconfigureLag(id, c.text("switch"), c.text("lag"),
            new Change.LagSettings(set.optText("mode"), count, set.optText("loadBalancing")));
      }
      case "set-teaming": {
        c.expectObject("a set-teaming change", "id", "action", "switch", "portgroup", "teaming");
        Node t = c.required("teaming");
        t.expectObject("teaming", "policy", "active", "standby");
        return new Change.SetTeaming(id, c.text("switch"), c.text("portgroup"), InventoryLoader.teaming(t));
      }
      case "set-mtu": {
        c.expectObject("a set-mtu change", "id", "action", "switch", "mtu");
        int mtu = c.integer("mtu");
        if (mtu < 1280 || mtu > 9000) {
          throw c.required("mtu").error("expected an MTU between 1280 and 9000");
        }
        return new Change.SetMtu(id, c.text("switch"), mtu);
      }
      default:
        throw new IllegalStateException("action list and loader disagree on " + action);
    }
  }

  private static SwitchRef switchRef(Node parent, String field) throws InputException {
    Node n = parent.required(field);
    String text = n.text();
    if (text.equals(SwitchRef.STANDARD_PREFIX)) {
      throw n.error("expected standard:<vSwitch name>");
    }
    return SwitchRef.parse(text);
  }

  static HostSelector selector(Node n) throws InputException {
    if (n.isArray()) {
      List<String> names = new ArrayList<>();
      List<Node> elements = n.elements();
      Limits.count(n, elements.size(), Limits.HOSTS_PER_LIST, "hosts", "list of host names");
      for (Node e : elements) {
        names.add(e.text());
      }
      if (names.isEmpty()) {
        throw n.error("expected at least one host name");
      }
      return new HostSelector.Named(names);
    }
    if (!n.isObject()) {
      throw n.error("expected a list of host names, {cluster: NAME}, {datacenter: NAME} or {all: true}");
    }
    n.expectObject("a host selector", "cluster", "datacenter", "all");
    if (n.json().size() != 1) {
      throw n.error("expected exactly one of cluster, datacenter, all");
    }
    if (n.has("cluster")) {
      return new HostSelector.InCluster(n.text("cluster"));
    }
    if (n.has("datacenter")) {
      return new HostSelector.InDatacenter(n.text("datacenter"));
    }
    if (!n.bool("all", false)) {
      throw n.required("all").error("expected all: true");
    }
    return new HostSelector.AllMembers();
  }

  private static Rollout rollout(Node r, Set<String> changeIds) throws InputException {
    r.expectObject("rollout", "waves");
    List<Node> waveNodes = r.required("waves").elements();
    if (waveNodes.isEmpty()) {
      throw r.required("waves").error("expected at least one wave");
    }
    Limits.count(r.required("waves"), waveNodes.size(), Limits.WAVES, "waves", "rollout");
    List<Rollout.Wave> waves = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node w : waveNodes) {
      w.expectObject("a wave", "name", "hosts", "steps", "gate");
      String name = w.text("name");
      if (!names.add(name)) {
        throw w.required("name").error("duplicate wave name '" + name + "'");
      }
      List<String> hosts = w.strings("hosts");
      if (hosts.isEmpty()) {
        throw w.required("hosts").error("expected at least one host");
      }
      Limits.count(w.required("hosts"), hosts.size(), Limits.HOSTS_PER_LIST, "hosts", "wave");
      List<Node> stepNodes = w.required("steps").elements();
      Limits.count(w.required("steps"), stepNodes.size(), Limits.STEPS_PER_WAVE, "steps", "wave");
      List<Step> steps = new ArrayList<>();
      for (Node s : stepNodes) {
        steps.add(step(s, changeIds));
      }
      Rollout.Gate gate = null;
      Node g = w.optional("gate");
      if (g != null) {
        g.expectObject("gate", "soakMinutes", "checks");
        int soak = g.integer("soakMinutes");
        if (soak < 0) {
          throw g.required("soakMinutes").error("expected 0 or more");
        }
        List<String> checks = g.strings("checks");
        for (int i = 0; i < checks.size(); i++) {
          if (!Rollout.Gate.KNOWN_CHECKS.contains(checks.get(i))) {
            throw g.document().error(g.path() + ".checks[" + i + "]", "unknown check '" + checks.get(i)
                + "'; expected one of " + String.join(", ", Rollout.Gate.KNOWN_CHECKS));
          }
        }
        gate = new Rollout.Gate(soak, checks);
      }
      waves.add(new Rollout.Wave(name, hosts, steps, gate));
    }
    return new Rollout(waves);
  }

  private static Step step(Node s, Set<String> changeIds) throws InputException {
    s.expectObject("a step");
    String op = s.oneOf("op", Step.OPS);
    switch (op) {
      case "enter-maintenance":
        s.expectObject("an enter-maintenance step", "op");
        return new Step.EnterMaintenance();
      case "exit-maintenance":
        s.expectObject("an exit-maintenance step", "op");
        return new Step.ExitMaintenance();
      case "verify":
        s.expectObject("a verify step", "op");
        return new Step.Verify();
      case "create-standard-switch":
        s.expectObject("a create-standard-switch step", "op", "switch");
        return new Step.CreateStandardSwitch(standardName(s));
      case "remove-standard-switch":
        s.expectObject("a remove-standard-switch step", "op", "switch");
        return new Step.RemoveStandardSwitch(standardName(s));
      case "move-pnic":
        s.expectObject("a move-pnic step", "op", "pnic", "to", "uplink");
        return new Step.MovePnic(s.text("pnic"), switchRef(s, "to"), s.optText("uplink"));
      case "move-vmkernel":
        s.expectObject("a move-vmkernel step", "op", "vmk", "to", "portgroup");
        return new Step.MoveVmkernel(s.text("vmk"), switchRef(s, "to"), s.text("portgroup"));
      case "remove-from-switch":
        s.expectObject("a remove-from-switch step", "op", "switch");
        return new Step.RemoveFromSwitch(s.text("switch"));
      case "add-to-switch":
        s.expectObject("an add-to-switch step", "op", "switch");
        return new Step.AddToSwitch(s.text("switch"));
      case "reconfigure-switch": {
        s.expectObject("a reconfigure-switch step", "op", "change");
        Node c = s.required("change");
        if (!changeIds.contains(c.text())) {
          throw c.error("no change with id '" + c.text() + "' in spec.changes");
        }
        return new Step.ReconfigureSwitch(c.text());
      }
      default:
        throw new IllegalStateException("step list and loader disagree on " + op);
    }
  }

  /** Standard-switch steps accept {@code vSwitch-mig} or {@code standard:vSwitch-mig}. */
  private static String standardName(Node s) throws InputException {
    SwitchRef ref = switchRef(s, "switch");
    return ref.name();
  }
}
