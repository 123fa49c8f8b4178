package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vsguard.core.model.Lists;
import java.util.List;

/**
 * How a plan is carried out: waves of hosts, each host doing the wave's steps in order, and
 * switch-level waves ({@code switch: NAME}, no hosts), whose reconfigure-switch steps apply a
 * switch-wide change once to the switch, as vCenter does.
 */
public record Rollout(List<Wave> waves) {
  public Rollout {
    waves = Lists.copy(waves);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "hosts", "switch", "steps", "gate"})
  public record Wave(
      String name,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> hosts,
      List<Step> steps,
      Gate gate,
      @JsonProperty("switch") String switchName) {
    public Wave {
      hosts = Lists.copy(hosts);
      steps = Lists.copy(steps);
    }

    /** A wave of hosts. */
    public Wave(String name, List<String> hosts, List<Step> steps, Gate gate) {
      this(name, hosts, steps, gate, null);
    }

    /** A switch-level wave: its steps apply switch-wide changes of {@code switchName}. */
    public static Wave ofSwitch(String name, String switchName, List<Step> steps, Gate gate) {
      return new Wave(name, List.of(), steps, gate, switchName);
    }

    @JsonIgnore
    public boolean switchLevel() {
      return switchName != null;
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
