package io.vsguard.bench;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.text.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine in-process, warm, on the generated site at 1,000 / 5,000 / 10,000 hosts: parsing the
 * inventory and plan, the check of the dangerous plan (which also stages, for the decision's
 * suggested rollout), the stage alone, and the check of the staged plan.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar EngineBenchmark                 # all sizes
 * java -jar bench/target/benchmarks.jar EngineBenchmark -p hosts=1000   # one size
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class EngineBenchmark {
  static final Instant NOW = SiteGenerator.CAPTURED_AT.plusSeconds(300);

  @Param({"1000", "5000", "10000"})
  public int hosts;

  private byte[] inventoryRaw;
  private byte[] planRaw;
  private Inventory inventory;
  private ChangePlan plan;
  private ChangePlan staged;
  private Inputs inputs;
  private Checker checker;

  @Setup
  public void setUp() throws Exception {
    SiteGenerator.Options o = SiteGenerator.Options.of(hosts);
    inventoryRaw =
        Json.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(SiteGenerator.inventory(o));
    planRaw = SiteGenerator.dangerousPlan(o).getBytes(StandardCharsets.UTF_8);
    inventory = InventoryLoader.read("inventory.json", inventoryRaw);
    plan = PlanLoader.read("plan.yaml", planRaw);
    checker = Checker.of(PolicyPack.builtIn());
    inputs = Inputs.of(plan, planRaw, inventory, inventoryRaw);
    // The benchmark is only worth its numbers if the site behaves like the real one.
    Decision d = checker.check(inputs, NOW, Deadline.NONE);
    if (d.verdict() != Verdict.BLOCK || d.suggestedRollout() == null) {
      throw new IllegalStateException(
          "the dangerous plan should be blocked with a suggested rollout: " + d.verdict());
    }
    if (!(checker.stage(inputs, NOW, Deadline.NONE) instanceof StageResult.Staged s)) {
      throw new IllegalStateException("the generated site should stage");
    }
    staged = s.plan();
  }

  @Benchmark
  public Object load() throws InputException {
    return new Object[] {
      InventoryLoader.read("inventory.json", inventoryRaw), PlanLoader.read("plan.yaml", planRaw)
    };
  }

  /** The check as a command runs it, hashing the documents' bytes for the decision. */
  @Benchmark
  public Decision check() {
    return checker.check(Inputs.of(plan, planRaw, inventory, inventoryRaw), NOW, Deadline.NONE);
  }

  @Benchmark
  public StageResult stage() {
    return checker.stage(inputs, NOW, Deadline.NONE);
  }

  @Benchmark
  public Decision checkStaged() {
    return checker.check(Inputs.of(staged, planRaw, inventory, inventoryRaw), NOW, Deadline.NONE);
  }
}
