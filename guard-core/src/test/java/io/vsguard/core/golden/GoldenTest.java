package io.vsguard.core.golden;

import static io.vsguard.core.golden.GoldenSites.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.engine.Guard;
import io.vsguard.core.golden.GoldenSites.SourceLacp;
import io.vsguard.core.golden.GoldenSites.Spec;
import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.Node;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.Change;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.plan.HostSelector;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.stage.Stager;
import io.vsguard.core.stage.StagerPropertiesTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins what the engine decides, so that it can be rewritten for speed without changing a byte of
 * output: for every example, every policy pack test case, 200 sites of the stager's property test
 * (fixed seeds) and generated sites of a few hundred hosts, the check of the plan as written
 * (findings in order, suggested rollout), the stage result (rollout and notes, or the reasons it is
 * refused) and the check of the staged plan are compared with the golden files in {@code
 * src/test/resources/golden/}. The goldens were written by the engine before its linear-time
 * rewrite; {@code -Dgolden.update=true} rewrites them, for a change of output that is intended and
 * reviewed in the diff.
 */
class GoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Path ACTUAL = Path.of("target/golden-actual");
  private static final byte[] NO_BYTES = new byte[0];

  @ParameterizedTest(name = "{0}")
  @ValueSource(booleans = {false, true})
  void examplesUnderEveryShippedPack(boolean helper) throws Exception {
    GoldenText out = new GoldenText();
    List<String> plans =
        List.of("incident/plan.yaml", "incident/staged-plan.yaml", "safe/plan.yaml");
    byte[] invRaw = Files.readAllBytes(Path.of("../examples/incident/inventory.json"));
    Inventory inv = InventoryLoader.read("inventory.json", invRaw);
    List<Instant> times =
        List.of(
            Instant.parse("2016-11-22T10:45:00Z"),
            Instant.parse("2016-11-22T12:00:00Z"),
            Instant.parse("2026-11-27T10:00:00Z"));
    for (String packName : List.of("built-in", "default", "examples/lab", "examples/production")) {
      PolicyPack pack =
          packName.equals("built-in")
              ? PolicyPack.builtIn()
              : PolicyLoader.load(Path.of("../policies/" + packName));
      Checker checker = checker(helper, pack);
      for (String p : plans) {
        byte[] raw = Files.readAllBytes(Path.of("../examples/" + p));
        ChangePlan plan = PlanLoader.read(p, raw);
        for (Instant now : times) {
          out.section(packName + ": check " + p + " at " + now);
          out.decision(checker.check(Inputs.of(plan, raw, inv, invRaw), now, Deadline.NONE));
        }
        out.section(packName + ": stage " + p);
        stageAndCheck(helper, out, pack, plan, inv, times.get(1));
      }
    }
    PolicyPack defaults = PolicyLoader.load(Path.of("../policies/default"));
    Parameters small = defaults.parameters().withMaxWaveHosts(2).withSoakMinutes(30);
    Checker narrow = checker(helper, defaults.withParameters(small));
    ChangePlan incident = PlanLoader.load(Path.of("../examples/incident/plan.yaml"));
    out.section("default: stage incident/plan.yaml --max-wave 2 --soak 30");
    out.stage(
        narrow.stage(Inputs.of(incident, NO_BYTES, inv, NO_BYTES), times.get(1), Deadline.NONE));
    compare("examples.txt", out);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(booleans = {false, true})
  void everyPolicyPackTestCase(boolean helper) throws Exception {
    GoldenText out = new GoldenText();
    for (String packName : List.of("default", "examples/lab", "examples/production")) {
      Path dir = Path.of("../policies/" + packName);
      Checker checker = checker(helper, PolicyLoader.load(dir));
      List<Path> cases;
      try (Stream<Path> s = Files.list(dir.resolve("tests"))) {
        cases = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      }
      assertThat(cases).isNotEmpty();
      for (Path c : cases) {
        Node spec = DocumentReader.read(c).rootNode().required("spec");
        Path planFile = c.getParent().resolve(spec.text("plan"));
        Path invFile = c.getParent().resolve(spec.text("inventory"));
        Instant now = OffsetDateTime.parse(spec.text("now")).toInstant();
        byte[] planRaw = Files.readAllBytes(planFile);
        byte[] invRaw = Files.readAllBytes(invFile);
        out.section(packName + ": " + c.getFileName() + " at " + now);
        out.decision(
            checker.check(
                Inputs.of(
                    PlanLoader.read(planFile.toString(), planRaw),
                    planRaw,
                    InventoryLoader.read(invFile.toString(), invRaw),
                    invRaw),
                now,
                Deadline.NONE));
      }
    }
    compare("policy-tests.txt", out);
  }

  /** The sites StagerPropertiesTest generates, drawn from the same ranges with fixed seeds. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(booleans = {false, true})
  void stagerPropertySites(boolean helper) throws Exception {
    GoldenText out = new GoldenText();
    for (int seed = 1; seed <= 200; seed++) {
      Random r = new Random(seed);
      List<Integer> sizes =
          IntStream.range(0, 1 + r.nextInt(3)).mapToObj(i -> 1 + r.nextInt(9)).toList();
      List<Integer> ftts = IntStream.range(0, 3).mapToObj(i -> r.nextInt(4)).toList();
      boolean lacp = r.nextBoolean();
      int vc = r.nextInt(32) - 1;
      List<Integer> down = IntStream.range(0, r.nextInt(3)).mapToObj(i -> r.nextInt(41)).toList();
      int selector = r.nextInt(3);
      int maxWave = 1 + r.nextInt(6);
      int pct = List.of(10, 25, 50, 100).get(r.nextInt(4));
      StagerPropertiesTest.Scenario s =
          StagerPropertiesTest.build(sizes, ftts, lacp, vc, down, selector, maxWave, pct);
      out.section("seed " + seed + ": " + s);
      stageAndCheck(
          helper,
          out,
          PolicyPack.builtIn().withParameters(s.params()),
          s.plan(),
          s.inventory(),
          NOW);
    }
    compare("properties.txt", out);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(booleans = {false, true})
  void generatedSites(boolean helper) throws Exception {
    GoldenText out = new GoldenText();
    PolicyPack builtIn = PolicyPack.builtIn();
    PolicyPack withPack = sitePack();

    // The bench's shape: enhanced LACP carrying management, clusters of 32, vCenter on one host.
    Spec a =
        new Spec(
            256,
            32,
            1,
            SourceLacp.ENHANCED,
            true,
            40,
            Set.of(),
            Set.of(),
            Set.of(),
            Arrays.asList(1),
            0,
            0);
    Inventory ia = GoldenSites.inventory(a);
    site(
        helper,
        out,
        "A naive migrate {all}",
        builtIn,
        GoldenSites.plan(
            "A1", List.of(GoldenSites.migrate("c1", new HostSelector.AllMembers())), null),
        ia);
    site(
        helper,
        out,
        "A naive migrate {all}, site pack",
        withPack,
        GoldenSites.plan(
            "A2", List.of(GoldenSites.migrate("c1", new HostSelector.AllMembers())), null),
        ia);

    // Basic LACP, two datacenters, critical VMs, HA levels known and unknown, hosts already on the
    // target.
    Spec b =
        new Spec(
            300,
            20,
            2,
            SourceLacp.BASIC,
            true,
            123,
            Set.of(17, 58, 200, 201),
            Set.of(),
            Set.of(3),
            Arrays.asList(2, null, 1),
            9,
            0);
    Inventory ib = GoldenSites.inventory(b);
    PolicyPack siteB =
        PolicyPack.builtIn()
            .withParameters(
                new Parameters(
                    8,
                    25,
                    20,
                    60,
                    1,
                    64,
                    24,
                    false,
                    Parameters.DEFAULTS.gateChecks(),
                    List.of("dns-01", "dns-02", "dns-03"),
                    List.of()));
    site(
        helper,
        out,
        "B naive migrate {datacenter: DC2}",
        siteB,
        GoldenSites.plan(
            "B1", List.of(GoldenSites.migrate("c1", new HostSelector.InDatacenter("DC2"))), null),
        ib);
    site(
        helper,
        out,
        "B naive migrate to a standard switch, named hosts",
        siteB,
        GoldenSites.plan(
            "B2",
            List.of(
                GoldenSites.migrateToStandard(
                    "c1",
                    new HostSelector.Named(
                        IntStream.rangeClosed(1, 120)
                            .filter(i -> i % 3 != 0)
                            .mapToObj(GoldenSites::host)
                            .toList()))),
            null),
        ib);
    site(
        helper,
        out,
        "B join and leave the backup switch",
        siteB,
        GoldenSites.plan("B3", GoldenSites.joinAndLeaveBackup(), null),
        ib);

    // No LACP, management on a standard switch, disconnected hosts (stage refuses), clusters of 7.
    Spec c =
        new Spec(
            210,
            7,
            1,
            SourceLacp.NONE,
            false,
            0,
            Set.of(),
            Set.of(30, 31, 99),
            Set.of(),
            Arrays.asList((Integer) null),
            4,
            50);
    Inventory ic = GoldenSites.inventory(c);
    site(
        helper,
        out,
        "C naive migrate {all}",
        builtIn,
        GoldenSites.plan(
            "C1", List.of(GoldenSites.migrate("c1", new HostSelector.AllMembers())), null),
        ic);
    site(
        helper,
        out,
        "C migrate two clusters, joining the backup switch",
        builtIn,
        GoldenSites.plan(
            "C2",
            List.of(
                GoldenSites.migrate("c1", new HostSelector.InCluster(GoldenSites.cluster(2))),
                GoldenSites.migrate("c2", new HostSelector.InCluster(GoldenSites.cluster(3))),
                GoldenSites.joinAndLeaveBackup().get(0)),
            null),
        ic);
    site(
        helper,
        out,
        "C migrate one cluster with management on a standard switch",
        builtIn,
        GoldenSites.plan(
            "C3",
            List.of(GoldenSites.migrate("c1", new HostSelector.InCluster(GoldenSites.cluster(10)))),
            null),
        ic);

    // Switch-wide changes on a 250-host LACP switch: naive, and written host by host.
    Spec d =
        new Spec(
            250,
            25,
            1,
            SourceLacp.ENHANCED,
            true,
            250,
            Set.of(),
            Set.of(),
            Set.of(),
            Arrays.asList(1, 2),
            0,
            50);
    Inventory id = GoldenSites.inventory(d);
    site(
        helper,
        out,
        "D switch-wide changes, naive",
        builtIn,
        GoldenSites.plan("D1", GoldenSites.switchWide(), null),
        id);
    List<String> members = IntStream.rangeClosed(1, 250).mapToObj(GoldenSites::host).toList();
    List<Step> shares =
        List.of(
            new Step.ReconfigureSwitch("upgrade"),
            new Step.ReconfigureSwitch("mtu"),
            new Step.ReconfigureSwitch("teaming"),
            new Step.ReconfigureSwitch("lag"),
            new Step.ReconfigureSwitch("convert"),
            new Step.Verify());
    Rollout.Gate gate = new Rollout.Gate(15, List.of("host-connected", "management-reachable"));
    site(
        helper,
        out,
        "D switch-wide changes, host by host",
        builtIn,
        GoldenSites.plan(
            "D2",
            GoldenSites.switchWide(),
            new Rollout(GoldenSites.waves(members, 10, shares, gate))),
        id);
    List<Rollout.Wave> odd =
        new ArrayList<>(GoldenSites.waves(members.subList(0, 120), 12, shares, null));
    // a share naming a per-host change, and one naming no change of the plan
    odd.add(
        new Rollout.Wave(
            "bad-share",
            members.subList(120, 130),
            List.of(new Step.ReconfigureSwitch("c-migrate"), new Step.ReconfigureSwitch("nope")),
            gate));
    List<Change> mixed = new ArrayList<>(GoldenSites.switchWide());
    mixed.add(GoldenSites.migrate("c-migrate", new HostSelector.InCluster(GoldenSites.cluster(9))));
    site(
        helper,
        out,
        "D switch-wide and a migration, rollout with gaps and bad shares",
        builtIn,
        GoldenSites.plan("D3", mixed, new Rollout(odd)),
        id);

    // Hand-written migration rollouts with mistakes of every kind.
    List<String> hostsA = IntStream.rangeClosed(1, 256).mapToObj(GoldenSites::host).toList();
    List<Rollout.Wave> waves =
        new ArrayList<>(
            GoldenSites.waves(hostsA.subList(0, 200), 6, GoldenSites.safeSteps(true), gate));
    waves.set(
        3,
        new Rollout.Wave(
            waves.get(3).name(), waves.get(3).hosts(), GoldenSites.directSteps(), null));
    waves.set(
        5,
        new Rollout.Wave(
            waves.get(5).name(), waves.get(5).hosts(), GoldenSites.safeSteps(false), gate));
    List<String> twice = new ArrayList<>(hostsA.subList(200, 230));
    twice.add(hostsA.get(10));
    twice.add("esx-9999");
    waves.add(new Rollout.Wave("late", twice, GoldenSites.safeSteps(true), gate));
    site(
        helper,
        out,
        "A hand-written rollout with mistakes",
        builtIn,
        GoldenSites.plan(
            "A3",
            List.of(GoldenSites.migrate("c1", new HostSelector.AllMembers())),
            new Rollout(waves)),
        ia);
    site(
        helper,
        out,
        "B hand-written rollout with mistakes, site pack",
        withPack,
        GoldenSites.plan(
            "B4",
            List.of(GoldenSites.migrate("c1", new HostSelector.InCluster(GoldenSites.cluster(2)))),
            new Rollout(
                GoldenSites.waves(
                    IntStream.rangeClosed(21, 40).mapToObj(GoldenSites::host).toList(),
                    3,
                    GoldenSites.safeSteps(true),
                    gate))),
        ib);

    // A site rule that cannot be evaluated: ERROR, never a pass.
    PolicyPack broken =
        PolicyLoader.read(
            "broken",
            List.of(
                new PolicyLoader.Source(
                    "broken.yaml",
                    """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: broken}
        spec:
          customRules:
            - id: reads-a-missing-field
              severity: block
              expression: inventory.hosts[0].noSuchField == 1
              message: never shown
        """
                        .getBytes(StandardCharsets.UTF_8))));
    site(
        helper,
        out,
        "A with a site rule that fails",
        broken,
        GoldenSites.plan(
            "A4", List.of(GoldenSites.migrate("c1", new HostSelector.AllMembers())), null),
        ia);
    compare("sites.txt", out);
  }

  private static void site(
      boolean helper,
      GoldenText out,
      String title,
      PolicyPack pack,
      ChangePlan plan,
      Inventory inv) {
    out.section(title);
    stageAndCheck(helper, out, pack, plan, inv, NOW);
  }

  /**
   * The check as written, the stage, and the check of the staged plan when there is one. The stage
   * is the stager's own, built as the facade builds it, so what it throws is pinned too.
   */
  private static void stageAndCheck(
      boolean helper,
      GoldenText out,
      PolicyPack pack,
      ChangePlan plan,
      Inventory inv,
      Instant now) {
    Checker checker = checker(helper, pack);
    Stager stager = new Stager(Guard.of(pack));
    StageResult staged;
    String thrown = null;
    try {
      staged = stage(helper, pack, stager, plan, inv, now);
    } catch (RuntimeException e) {
      // A rule that fails while the stager proves its rollout escapes the stager (the facade
      // answers StageResult.Failed with its message): pinned as it is.
      staged = null;
      thrown = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Rollout rollout = staged instanceof StageResult.Staged s ? s.plan().spec().rollout() : null;
    out.line("-- check");
    out.decision(
        checker.check(Inputs.of(plan, NO_BYTES, inv, NO_BYTES), now, Deadline.NONE), rollout);
    out.line("-- stage");
    if (thrown != null) {
      out.line("stage threw " + GoldenText.esc(thrown));
      return;
    }
    out.stage(staged);
    if (staged instanceof StageResult.Staged s) {
      out.line("-- check of the staged plan");
      Decision d = checker.check(Inputs.of(s.plan(), NO_BYTES, inv, NO_BYTES), now, Deadline.NONE);
      out.decision(d);
    }
  }

  /**
   * Exemptions by cluster, host and change, one expired, severities moved, a wave-scoped site rule.
   */
  private static PolicyPack sitePack() throws Exception {
    return PolicyLoader.read(
        "golden-site",
        List.of(
            new PolicyLoader.Source(
                "golden-site.yaml",
                """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: golden-site}
        spec:
          rules:
            maintenance-required: warn
            canary-first: info
            singlelag-deprecated: off
          parameters:
            maxWaveHosts: 5
            maxWavePercent: 20
            soakMinutes: 25
            criticalVms: [dns-01, dns-02, dns-03]
          exemptions:
            - rule: lacp-direct-migration
              scope: {cluster: cl-02}
              justification: cl-02 is rebuilt next week
              approver: cab@example.org
              expires: 2020-06-30
            - rule: management-connectivity
              scope: {host: esx-0003}
              justification: out-of-band management
              approver: cab@example.org
              expires: 2020-06-30
            - rule: all-hosts-at-once
              scope: {change: c1}
              justification: lab-only migration
              approver: cab@example.org
              expires: 2019-12-31
          customRules:
            - id: waves-of-four
              severity: warn
              scope: wave
              expression: size(wave.hosts) <= 4
              messageExpression: "'wave ' + wave.name + ' has ' + string(size(wave.hosts)) + ' hosts'"
            - id: no-standard-target
              severity: block
              expression: "!(change.action == 'migrate-hosts' && change.to.startsWith('standard:'))"
              message: hosts leave for a standard switch
        """
                    .getBytes(StandardCharsets.UTF_8))));
  }

  /** One daemon thread, as the command line's second core. */
  private static final ExecutorService SECOND =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "golden-second-core");
            t.setDaemon(true);
            return t;
          });

  /**
   * The checker alone, or with a second thread as one-shot commands run it: the goldens are the
   * same either way.
   */
  private static Checker checker(boolean helper, PolicyPack pack) {
    return helper ? Checker.of(pack).withHelper(SECOND) : Checker.of(pack);
  }

  /**
   * The stager's own answer, its intents evaluated first or (helper) at the same time on another
   * thread, as Checker does.
   */
  private static StageResult stage(
      boolean helper, PolicyPack pack, Stager stager, ChangePlan plan, Inventory inv, Instant now) {
    if (!helper) {
      return stager.stage(plan, inv, now, Deadline.NONE);
    }
    CompletableFuture<List<io.vsguard.core.rule.Finding>> intents =
        CompletableFuture.supplyAsync(
            () ->
                Guard.of(pack).evaluate(plan.withRollout(null), inv, now, Deadline.NONE).findings(),
            SECOND);
    return stager.stageMeanwhile(
        plan,
        inv,
        now,
        Deadline.NONE,
        () -> {
          try {
            return intents.join();
          } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
          }
        });
  }

  private static void compare(String name, GoldenText out) throws Exception {
    String actual = out.render();
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    Files.createDirectories(ACTUAL);
    Files.writeString(ACTUAL.resolve(name), actual, StandardCharsets.UTF_8);
    if (!Files.exists(golden)) {
      fail("no golden file " + golden + "; the engine's output is in " + ACTUAL.resolve(name));
    }
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    if (expected.equals(actual)) {
      return;
    }
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    int i = 0;
    while (i < e.size() && i < a.size() && e.get(i).equals(a.get(i))) {
      i++;
    }
    String section = "";
    for (int j = Math.min(i, a.size() - 1); j >= 0; j--) {
      if (a.get(j).startsWith("== ")) {
        section = a.get(j);
        break;
      }
    }
    fail(
        name
            + " differs from the golden file at line "
            + (i + 1)
            + " ("
            + section
            + ")\n  expected: "
            + (i < e.size() ? e.get(i) : "<end of file>")
            + "\n  actual:   "
            + (i < a.size() ? a.get(i) : "<end of file>")
            + "\nwhole output: "
            + ACTUAL.resolve(name)
            + " (diff it against "
            + golden
            + ")");
  }
}
