package io.vsguard.core.rule;

import io.vsguard.core.sim.StepEvent;
import java.util.List;

/** Checks the simulated network after each applied step. */
public non-sealed interface StepRule extends Rule {
  List<Finding> checkStep(Evaluation ev, StepEvent step);
}
