package io.vsguard.core.load;

import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.HostSelector;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.plan.SwitchRef;
import io.vsguard.core.plan.TypeNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    Node root =
        doc.rootNode()
            .expectObject("a ChangePlan document", "apiVersion", "kind", "metadata", "spec");
    Header.check(root, ChangePlan.KIND);
    Node md =
        root.required("metadata").expectObject("metadata", "id", "title", "requestedBy", "ticket");
    ChangePlan.Metadata metadata =
        new ChangePlan.Metadata(
            md.text("id"), md.optText("title"), md.optText("requestedBy"), md.optText("ticket"));
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
    return new ChangePlan(
        root.text("apiVersion"),
        root.text("kind"),
        metadata,
        new ChangePlan.Spec(window, changes, rollout));
  }

  /** Reads a change's own fields, after {@code id} and {@code action}. */
  @FunctionalInterface
  private interface ChangeReader {
    Change read(Node c, String id) throws InputException;
  }

  /** The fields an action has besides id and action, and how they are read. */
  private record ChangeForm(List<String> fields, ChangeReader reader) {}

  private static final Map<String, ChangeForm> CHANGES =
      byName(
          Change.class,
          Map.ofEntries(
              Map.entry(
                  Change.MigrateHosts.class,
                  new ChangeForm(
                      List.of("from", "to", "hosts", "uplinks", "vmkernels", "readdress"),
                      (c, id) -> {
                        SwitchRef from = switchRef(c, "from");
                        if (from.standard()) {
                          throw c.required("from")
                              .error(
                                  "expected a distributed switch name (migrate-hosts moves hosts off a distributed switch)");
                        }
                        return new Change.MigrateHosts(
                            id,
                            from,
                            switchRef(c, "to"),
                            selector(c.required("hosts")),
                            c.stringMap("uplinks"),
                            c.stringMap("vmkernels"),
                            readdress(c));
                      })),
              Map.entry(
                  Change.AddHosts.class,
                  new ChangeForm(
                      List.of("switch", "hosts", "pnics"),
                      (c, id) ->
                          new Change.AddHosts(
                              id,
                              c.text("switch"),
                              selector(c.required("hosts")),
                              c.stringMap("pnics")))),
              Map.entry(
                  Change.RemoveHosts.class,
                  new ChangeForm(
                      List.of("switch", "hosts"),
                      (c, id) ->
                          new Change.RemoveHosts(
                              id, c.text("switch"), selector(c.required("hosts"))))),
              Map.entry(
                  Change.UpgradeSwitch.class,
                  new ChangeForm(
                      List.of("switch", "version"),
                      (c, id) -> {
                        Node v = c.required("version");
                        if (!v.text().matches("\\d+\\.\\d+(\\.\\d+)?")) {
                          throw v.error("expected a switch version such as 6.5.0");
                        }
                        return new Change.UpgradeSwitch(id, c.text("switch"), v.text());
                      })),
              Map.entry(
                  Change.ConvertLacp.class,
                  new ChangeForm(
                      List.of("switch", "to"),
                      (c, id) ->
                          new Change.ConvertLacp(
                              id, c.text("switch"), c.oneOf("to", LACP_TARGETS)))),
              Map.entry(
                  Change.ReconfigureLag.class,
                  new ChangeForm(
                      List.of("switch", "lag", "set"),
                      (c, id) -> {
                        Node set =
                            c.required("set")
                                .expectObject("set", "mode", "uplinkCount", "loadBalancing");
                        if (set.has("mode")) {
                          set.oneOf("mode", LAG_MODES);
                        }
                        Integer count = set.optInteger("uplinkCount");
                        if (count != null && count < 1) {
                          throw set.required("uplinkCount").error("expected 1 or more");
                        }
                        if (!set.has("mode") && count == null && !set.has("loadBalancing")) {
                          throw set.error(
                              "expected at least one of mode, uplinkCount, loadBalancing");
                        }
                        return new Change.ReconfigureLag(
                            id,
                            c.text("switch"),
                            c.text("lag"),
                            new Change.LagSettings(
                                set.optText("mode"), count, set.optText("loadBalancing")));
                      })),
              Map.entry(
                  Change.SetTeaming.class,
                  new ChangeForm(
                      List.of("switch", "portgroup", "teaming"),
                      (c, id) -> {
                        Node t = c.required("teaming");
                        t.expectObject("teaming", "policy", "active", "standby");
                        return new Change.SetTeaming(
                            id, c.text("switch"), c.text("portgroup"), InventoryLoader.teaming(t));
                      })),
              Map.entry(
                  Change.SetMtu.class,
                  new ChangeForm(
                      List.of("switch", "mtu"),
                      (c, id) -> {
                        int mtu = c.integer("mtu");
                        if (mtu < 1280 || mtu > 9000) {
                          throw c.required("mtu").error("expected an MTU between 1280 and 9000");
                        }
                        return new Change.SetMtu(id, c.text("switch"), mtu);
                      })),
              Map.entry(
                  Change.SetVlan.class,
                  new ChangeForm(
                      List.of("switch", "portgroup", "vlan"),
                      (c, id) -> {
                        int vlan = c.integer("vlan");
                        if (vlan < 0 || vlan > 4094) {
                          throw c.required("vlan")
                              .error("expected a VLAN id between 0 (untagged) and 4094");
                        }
                        return new Change.SetVlan(id, c.text("switch"), c.text("portgroup"), vlan);
                      }))));

  private static Change change(Node c) throws InputException {
    c.expectObject("a change");
    String action = c.oneOf("action", Change.ACTIONS);
    String id = c.text("id");
    ChangeForm form = CHANGES.get(action);
    c.expectObject(article(action) + " change", fields(List.of("id", "action"), form.fields()));
    return form.reader().read(c, id);
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
      throw n.error(
          "expected a list of host names, {cluster: NAME}, {datacenter: NAME} or {all: true}");
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
      w.expectObject("a wave", "name", "hosts", "switch", "steps", "gate");
      String name = w.text("name");
      if (!names.add(name)) {
        throw w.required("name").error("duplicate wave name '" + name + "'");
      }
      String switchName = w.has("switch") ? w.text("switch") : null;
      List<String> hosts = List.of();
      if (switchName != null) {
        if (w.has("hosts")) {
          throw w.required("hosts")
              .error(
                  "a switch-level wave (switch: "
                      + switchName
                      + ") has no hosts; vCenter applies its changes to every member at once");
        }
      } else {
        hosts = w.strings("hosts");
        if (hosts.isEmpty()) {
          throw w.required("hosts").error("expected at least one host");
        }
        Limits.count(w.required("hosts"), hosts.size(), Limits.HOSTS_PER_LIST, "hosts", "wave");
      }
      List<Node> stepNodes = w.required("steps").elements();
      Limits.count(w.required("steps"), stepNodes.size(), Limits.STEPS_PER_WAVE, "steps", "wave");
      List<Step> steps = new ArrayList<>();
      for (Node s : stepNodes) {
        Step step = step(s, changeIds);
        if (switchName != null && !(step instanceof Step.ReconfigureSwitch)) {
          throw s.error(
              "a switch-level wave holds only reconfigure-switch steps; "
                  + step.op()
                  + " is a host's step (put it in a wave of hosts)");
        }
        steps.add(step);
      }
      if (switchName != null && steps.isEmpty()) {
        throw w.required("steps").error("expected at least one reconfigure-switch step");
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
            throw g.document()
                .error(
                    g.path() + ".checks[" + i + "]",
                    "unknown check '"
                        + checks.get(i)
                        + "'; expected one of "
                        + String.join(", ", Rollout.Gate.KNOWN_CHECKS));
          }
        }
        gate = new Rollout.Gate(soak, checks);
      }
      waves.add(new Rollout.Wave(name, hosts, steps, gate, switchName));
    }
    return new Rollout(waves);
  }

  /** Reads a step's own fields, after {@code op}. */
  @FunctionalInterface
  private interface StepReader {
    Step read(Node s, Set<String> changeIds) throws InputException;
  }

  /** The fields an op has besides op, and how they are read. */
  private record StepForm(List<String> fields, StepReader reader) {}

  private static final Map<String, StepForm> STEPS =
      byName(
          Step.class,
          Map.ofEntries(
              Map.entry(
                  Step.EnterMaintenance.class,
                  new StepForm(List.of(), (s, ids) -> new Step.EnterMaintenance())),
              Map.entry(
                  Step.ExitMaintenance.class,
                  new StepForm(List.of(), (s, ids) -> new Step.ExitMaintenance())),
              Map.entry(Step.Verify.class, new StepForm(List.of(), (s, ids) -> new Step.Verify())),
              Map.entry(
                  Step.CreateStandardSwitch.class,
                  new StepForm(
                      List.of("switch", "mtu", "portgroups"),
                      (s, ids) ->
                          new Step.CreateStandardSwitch(
                              standardName(s), mtu(s), standardPortgroups(s)))),
              Map.entry(
                  Step.RemoveStandardSwitch.class,
                  new StepForm(
                      List.of("switch"),
                      (s, ids) -> new Step.RemoveStandardSwitch(standardName(s)))),
              Map.entry(
                  Step.MovePnic.class,
                  new StepForm(
                      List.of("pnic", "to", "uplink"),
                      (s, ids) ->
                          new Step.MovePnic(
                              s.text("pnic"), switchRef(s, "to"), s.optText("uplink")))),
              Map.entry(
                  Step.MoveVmkernel.class,
                  new StepForm(
                      List.of("vmk", "to", "portgroup", "vlan"),
                      (s, ids) -> {
                        SwitchRef to = switchRef(s, "to");
                        Integer vlan = null;
                        if (s.has("vlan")) {
                          if (to.distributed()) {
                            throw s.required("vlan")
                                .error(
                                    "vlan names the VLAN of a standard portgroup the move creates; a "
                                        + "distributed portgroup has its own (drop 'vlan' from the step)");
                          }
                          vlan = vlan(s, true);
                        }
                        return new Step.MoveVmkernel(s.text("vmk"), to, s.text("portgroup"), vlan);
                      })),
              Map.entry(
                  Step.MoveVmAdapters.class,
                  new StepForm(
                      List.of("from", "portgroup", "to", "toPortgroup"),
                      (s, ids) ->
                          new Step.MoveVmAdapters(
                              switchRef(s, "from"),
                              s.text("portgroup"),
                              switchRef(s, "to"),
                              s.optText("toPortgroup")))),
              Map.entry(
                  Step.RemoveFromSwitch.class,
                  new StepForm(
                      List.of("switch"), (s, ids) -> new Step.RemoveFromSwitch(s.text("switch")))),
              Map.entry(
                  Step.AddToSwitch.class,
                  new StepForm(
                      List.of("switch"), (s, ids) -> new Step.AddToSwitch(s.text("switch")))),
              Map.entry(
                  Step.ReconfigureSwitch.class,
                  new StepForm(
                      List.of("change"),
                      (s, ids) -> {
                        Node c = s.required("change");
                        if (!ids.contains(c.text())) {
                          throw c.error("no change with id '" + c.text() + "' in spec.changes");
                        }
                        return new Step.ReconfigureSwitch(c.text());
                      }))));

  private static Step step(Node s, Set<String> changeIds) throws InputException {
    s.expectObject("a step");
    String op = s.oneOf("op", Step.OPS);
    StepForm form = STEPS.get(op);
    s.expectObject(article(op) + " step", fields(List.of("op"), form.fields()));
    return form.reader().read(s, changeIds);
  }

  /**
   * The forms keyed by the name plans use, read from each record's annotation; a record of the
   * sealed type without a form (a new op or action half wired) stops the loader from loading.
   */
  private static <T, F> Map<String, F> byName(
      Class<T> sealedType, Map<Class<? extends T>, F> forms) {
    Map<String, F> out = new HashMap<>();
    for (Class<?> type : sealedType.getPermittedSubclasses()) {
      F form = forms.get(type);
      if (form == null) {
        throw new IllegalStateException(
            "the plan loader cannot read "
                + TypeNames.name(type)
                + " ("
                + type.getSimpleName()
                + ")");
      }
      out.put(TypeNames.name(type), form);
    }
    return Map.copyOf(out);
  }

  private static String[] fields(List<String> header, List<String> own) {
    List<String> all = new ArrayList<>(header);
    all.addAll(own);
    return all.toArray(String[]::new);
  }

  /** "a move-pnic step", "an add-hosts change": how error messages name what they expected. */
  private static String article(String name) {
    return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  /**
   * {@code readdress: {vmk0: {vlan: 999, subnet: 10.9.99.0/24}}}: at most one entry per vmkernel
   * adapter.
   */
  private static Map<String, Change.Readdress> readdress(Node c) throws InputException {
    Node r = c.optional("readdress");
    if (r == null) {
      return Map.of();
    }
    r.expectObject("readdress (a map vmkernel adapter -> {vlan, subnet})");
    Limits.count(
        r, r.json().size(), Limits.READDRESS_PER_CHANGE, "vmkernel adapters", "readdress map");
    Map<String, Change.Readdress> out = new java.util.LinkedHashMap<>();
    for (java.util.Iterator<String> it = r.json().fieldNames(); it.hasNext(); ) {
      String vmk = it.next();
      Node e = r.required(vmk).expectObject("the new addressing of " + vmk, "vlan", "subnet");
      out.put(vmk, new Change.Readdress(vlan(e, false), e.optText("subnet")));
    }
    return out;
  }

  /**
   * A VLAN id: 0 untagged, 1 to 4094, and 4095 (all VLANs) where a standard portgroup allows it.
   */
  private static int vlan(Node parent, boolean allVlans) throws InputException {
    int vlan = parent.integer("vlan");
    int max = allVlans ? 4095 : 4094;
    if (vlan < 0 || vlan > max) {
      throw parent
          .required("vlan")
          .error(vlan + " is not a VLAN id; expected 0 (untagged) to " + max);
    }
    return vlan;
  }

  /** A standard switch's MTU, as set-mtu bounds it; absent when the plan does not say. */
  private static Integer mtu(Node s) throws InputException {
    Integer mtu = s.optInteger("mtu");
    if (mtu != null && (mtu < 1280 || mtu > 9000)) {
      throw s.required("mtu").error("expected an MTU between 1280 and 9000");
    }
    return mtu;
  }

  private static List<Step.StandardPortgroup> standardPortgroups(Node s) throws InputException {
    Node list = s.optional("portgroups");
    if (list == null) {
      return List.of();
    }
    List<Node> nodes = list.elements();
    Limits.count(
        list, nodes.size(), Limits.PORTGROUPS_PER_STANDARD_SWITCH, "portgroups", "standard switch");
    List<Step.StandardPortgroup> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node p : nodes) {
      p.expectObject("a standard portgroup {name, vlan, uplink}", "name", "vlan", "uplink");
      if (!names.add(p.text("name"))) {
        throw p.required("name").error("duplicate portgroup '" + p.text("name") + "'");
      }
      out.add(new Step.StandardPortgroup(p.text("name"), vlan(p, true), p.optText("uplink")));
    }
    return out;
  }

  /** Standard-switch steps accept {@code vSwitch-mig} or {@code standard:vSwitch-mig}. */
  private static String standardName(Node s) throws InputException {
    SwitchRef ref = switchRef(s, "switch");
    return ref.name();
  }
}
