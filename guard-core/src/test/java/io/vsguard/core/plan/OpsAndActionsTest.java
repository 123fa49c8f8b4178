package io.vsguard.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.Checks;
import io.vsguard.core.RuleTester;
import io.vsguard.core.check.Checker;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.sim.InventoryIndex;
import io.vsguard.core.sim.NetworkState;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every op and every action is wired all the way through: named once, written by Jackson, read back
 * by the plan loader and by the audit log's reader, described, simulated, checked and staged. Java
 * 17 has no exhaustive switch over a sealed type; this walk of every permitted record is what stops
 * a new op or action from being half wired. A record without an example here fails the first test.
 */
class OpsAndActionsTest {
  /** One step of every op, naming objects of the small fixture inventory. */
  private static final Map<Class<?>, Step> STEPS =
      examples(
          new Step.EnterMaintenance(),
          new Step.ExitMaintenance(),
          new Step.CreateStandardSwitch("vSwitch-mig"),
          new Step.RemoveStandardSwitch("vSwitch-mig"),
          new Step.MovePnic("vmnic3", SwitchRef.distributed("DVS-New"), "uplink2"),
          new Step.MoveVmkernel("vmk1", SwitchRef.standard("vSwitch-mig"), "vmotion"),
          new Step.MoveVmAdapters(
              SwitchRef.distributed("DVS-LACP"),
              "pg-web",
              SwitchRef.distributed("DVS-New"),
              "pg-web-new"),
          new Step.RemoveFromSwitch("DVS-New"),
          new Step.AddToSwitch("DVS-New"),
          new Step.ReconfigureSwitch("c1"),
          new Step.Verify());

  /** One change of every action, as the only change (id c1) of a plan on the small fixture. */
  private static final Map<Class<?>, Change> CHANGES =
      examples(
          new Change.MigrateHosts(
              "c1",
              SwitchRef.distributed("DVS-LACP"),
              SwitchRef.distributed("DVS-New"),
              new HostSelector.Named(List.of("esx-01")),
              Map.of("vmnic0", "uplink2", "vmnic1", "uplink3"),
              Map.of("vmk0", "pg-mgmt-new", "vmk1", "pg-vmotion-new")),
          new Change.AddHosts(
              "c1", "DVS-New", new HostSelector.InCluster("prod"), Map.of("vmnic3", "uplink2")),
          new Change.RemoveHosts("c1", "DVS-New", new HostSelector.Named(List.of("esx-02"))),
          new Change.UpgradeSwitch("c1", "DVS-New", "6.5.0"),
          new Change.ConvertLacp("c1", "DVS-LACP", "multipleLag"),
          new Change.ReconfigureLag(
              "c1", "DVS-LACP", "lag1", new Change.LagSettings("passive", null, null)),
          new Change.SetTeaming(
              "c1",
              "DVS-New",
              "pg-mgmt-new",
              new Portgroup.Teaming("loadbalance_srcid", List.of("uplink1"), List.of("uplink2"))),
          new Change.SetMtu("c1", "DVS-New", 9000),
          new Change.SetVlan("c1", "DVS-New", "pg-mgmt-new", 121));

  private static final Inventory SMALL = inventory();

  @Test
  void everyRecordHasAnExample() {
    assertThat(STEPS.keySet()).containsExactlyInAnyOrder(Step.class.getPermittedSubclasses());
    assertThat(CHANGES.keySet()).containsExactlyInAnyOrder(Change.class.getPermittedSubclasses());
  }

  @Test
  void namesAreTheRecordsOwnAndTheContractListsThem() throws Exception {
    assertThat(Step.OPS)
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(STEPS.keySet().stream().map(TypeNames::name).toList());
    assertThat(Change.ACTIONS)
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(CHANGES.keySet().stream().map(TypeNames::name).toList());
    STEPS.forEach((type, s) -> assertThat(s.op()).isEqualTo(TypeNames.name(type)));
    CHANGES.forEach((type, c) -> assertThat(c.action()).isEqualTo(TypeNames.name(type)));
    String formats = Files.readString(Path.of("../docs/spec/formats.md"));
    assertThat(table(formats, "| op |"))
        .as("docs/spec/formats.md, the rollout steps")
        .containsExactlyElementsOf(Step.OPS);
    assertThat(table(formats, "| action |"))
        .as("docs/spec/formats.md, the actions")
        .containsExactlyElementsOf(Change.ACTIONS);
  }

  @Test
  void everyStepIsWrittenReadBackDescribedAndSimulated() throws Exception {
    for (Step step : STEPS.values()) {
      String json = Json.json().writeValueAsString(step);
      assertThat(Json.json().readTree(json).get("op").asText()).as(json).isEqualTo(step.op());
      assertThat(Json.json().readValue(json, Step.class))
          .as("the audit log reads %s back", json)
          .isEqualTo(step);
      ChangePlan plan = plan(new Change.SetMtu("c1", "DVS-New", 9000), List.of(step));
      assertThat(PlanLoader.parse("plan.yaml", Json.yamlText(plan)))
          .as("what stage writes, check reads: %s", json)
          .isEqualTo(plan);
      assertThat(PlanLoader.parse("plan.json", Json.pretty(plan))).isEqualTo(plan);
      assertThat(step.describe()).startsWith(step.op());
      NetworkState net = new NetworkState(new InventoryIndex(SMALL), plan);
      assertThat(net.apply("esx-01", step))
          .as("the simulation applies or refuses %s", step.op())
          .isNotNull();
    }
  }

  @Test
  void aStepNamesTheDistributedSwitchItMovesOntoJoinsOrLeaves() {
    assertThat(
            new Step.MovePnic("vmnic3", SwitchRef.distributed("DVS-New"), null).distributedSwitch())
        .contains("DVS-New");
    assertThat(
            new Step.MovePnic("vmnic3", SwitchRef.standard("vSwitch-mig"), null)
                .distributedSwitch())
        .isEmpty();
    assertThat(
            new Step.MoveVmkernel("vmk0", SwitchRef.distributed("DVS-New"), "pg")
                .distributedSwitch())
        .contains("DVS-New");
    assertThat(new Step.AddToSwitch("DVS-New").distributedSwitch()).contains("DVS-New");
    assertThat(new Step.RemoveFromSwitch("DVS-LACP").distributedSwitch()).contains("DVS-LACP");
    assertThat(new Step.CreateStandardSwitch("vSwitch-mig").distributedSwitch()).isEmpty();
    assertThat(new Step.ReconfigureSwitch("c1").distributedSwitch()).isEmpty();
  }

  @Test
  void everyChangeIsWrittenReadBackCheckedAndStaged() throws Exception {
    Checker checker = Checker.of(PolicyPack.builtIn());
    for (Change change : CHANGES.values()) {
      JsonNode tree = Json.json().valueToTree(change);
      assertThat(tree.get("action").asText()).isEqualTo(change.action());
      assertThat(tree.get("id").asText()).isEqualTo(change.id());
      assertThat(change.distributedSwitches())
          .as("rules name a change by its first switch")
          .isNotEmpty();
      ChangePlan plan = plan(change, null);
      assertThat(PlanLoader.parse("plan.yaml", Json.yamlText(plan)))
          .as(change.action())
          .isEqualTo(plan);
      Decision d = checker.check(Checks.inputs(plan, SMALL), RuleTester.NOW, Deadline.NONE);
      assertThat(d.verdict())
          .as("%s is evaluated: %s", change.action(), d.error())
          .isNotEqualTo(Verdict.ERROR);
      StageResult staged = checker.stage(Checks.inputs(plan, SMALL), RuleTester.NOW, Deadline.NONE);
      assertThat(staged)
          .as("%s is staged or refused: %s", change.action(), staged)
          .isNotInstanceOf(StageResult.Failed.class);
      if (change.switchWide() && staged instanceof StageResult.Staged st) {
        assertThat(st.plan().spec().rollout().waves())
            .as("vCenter writes %s to every member at once", change.action())
            .allMatch(Rollout.Wave::switchLevel);
      }
    }
  }

  /** The names in the first column of the table whose header starts with {@code header}. */
  private static List<String> table(String markdown, String header) {
    List<String> names = new ArrayList<>();
    boolean in = false;
    Pattern name = Pattern.compile("`([a-z-]+)`");
    for (String line : markdown.split("\n")) {
      if (line.startsWith(header)) {
        in = true;
      } else if (in && !line.startsWith("|")) {
        break;
      } else if (in && !line.startsWith("|---")) {
        Matcher m = name.matcher(line.split("\\|")[1]);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  private static ChangePlan plan(Change change, List<Step> steps) {
    Rollout rollout =
        steps == null
            ? null
            : new Rollout(
                List.of(
                    new Rollout.Wave(
                        "canary",
                        List.of("esx-01"),
                        steps,
                        new Rollout.Gate(15, List.of("host-connected")))));
    return new ChangePlan(
        "vsguard/v1",
        ChangePlan.KIND,
        new ChangePlan.Metadata("CHG-WIRING", null, null, null),
        new ChangePlan.Spec(null, List.of(change), rollout));
  }

  @SafeVarargs
  private static <T> Map<Class<?>, T> examples(T... values) {
    Map<Class<?>, T> out = new LinkedHashMap<>();
    for (T v : values) {
      out.put(v.getClass(), v);
    }
    return out;
  }

  private static Inventory inventory() {
    try {
      return InventoryLoader.parse("small-inventory.yaml", RuleTester.SMALL);
    } catch (InputException e) {
      throw new AssertionError("the fixture does not load: " + e.getMessage(), e);
    }
  }
}
