package io.vsguard.core.rule;

import io.vsguard.core.sim.NetworkState;
import java.util.List;

/**
 * Checks the shape of the execution (waves, their hosts, order and gates) and the network the
 * simulation ends with.
 */
public non-sealed interface RolloutRule extends Rule {
  List<Finding> checkRollout(Evaluation ev, NetworkState end);
}
