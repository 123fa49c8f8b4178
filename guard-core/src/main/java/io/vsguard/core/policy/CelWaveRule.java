package io.vsguard.core.policy;

import io.vsguard.core.plan.Where;
import io.vsguard.core.rule.Documents;
import io.vsguard.core.rule.Evaluation;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.RolloutRule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.Execution.ExecWave;
import io.vsguard.core.sim.NetworkState;
import io.vsguard.core.text.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A site rule written in CEL, evaluated once per wave of the execution (a plan without rollout is
 * one wave named {@code all-at-once}, plus one switch-level wave per switch-wide change). {@code
 * wave} has name, index, hosts, steps and gate, and {@code switch} for a switch-level wave (whose
 * hosts are empty).
 */
public final class CelWaveRule extends CelRule implements RolloutRule {
  CelWaveRule(RuleInfo info, CelCheck check) {
    super(info, check);
  }

  @Override
  public String scope() {
    return "wave";
  }

  @Override
  public List<Finding> checkRollout(Evaluation ev, NetworkState end) {
    List<Finding> out = new ArrayList<>();
    for (ExecWave w : ev.execution().waves()) {
      Map<String, Object> wave = new LinkedHashMap<>();
      wave.put("name", w.name() == null ? "all-at-once" : w.name());
      wave.put("index", (long) w.index());
      wave.put("hosts", List.copyOf(w.hosts()));
      if (w.switchLevel()) {
        wave.put("switch", w.switchName());
      }
      List<Execution.PlannedStep> planned =
          w.switchLevel()
              ? w.switchSteps()
              : w.hosts().isEmpty() ? List.of() : w.stepsOf(w.hosts().get(0));
      List<Object> steps =
          planned.stream()
              .map(ps -> Documents.convert(Json.json().valueToTree(ps.step())))
              .toList();
      wave.put("steps", steps);
      if (w.gate() != null) {
        wave.put("gate", Documents.asMap(w.gate()));
      }
      Map<String, Object> vars = CelCheck.vars(ev, Map.of(), wave);
      if (!check.holds(vars)) {
        out.add(info().finding(new Where(null, w.name(), null), null, null, check.message(vars)));
      }
    }
    return out;
  }
}
