package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vsguard.core.model.Lists;
import java.util.List;

/** How a plan is carried out: waves of hosts, each host doing the wave's steps in order. */
public record Rollout(List<Wave> waves) {
  public Rollout {
    waves = Lists.copy(waves);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Wave(String name, List<String> hosts, List<Step> steps, Gate gate) {
    public Wave {
      hosts = Lists.copy(hosts);
      steps = Lists.copy(steps);
    }
  }

  /** What must hold before the next wave starts: a soak time and health checks. */
  public record Gate(int soakMinutes, List<String> checks) {
    public static final List<String> KNOWN_CHECKS =
        List.of("host-connected", "management-reachable", "no-new-alarms", "vmotion-reachable");

    public Gate {
      checks = Lists.copy(checks);
    }

    public boolean effective() {
      return soakMinutes > 0 && !checks.isEmpty();
    }
  }
}
