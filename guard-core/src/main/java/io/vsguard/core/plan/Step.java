package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Optional;

/**
 * One host-local operation of a rollout, as the simulation applies it (docs/spec/formats.md,
 * section 2). Each op's name is its record's {@link JsonTypeName}, spelled nowhere else.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Step permits Step.EnterMaintenance, Step.ExitMaintenance, Step.CreateStandardSwitch,
    Step.RemoveStandardSwitch, Step.MovePnic, Step.MoveVmkernel, Step.RemoveFromSwitch, Step.AddToSwitch,
    Step.ReconfigureSwitch, Step.Verify {

  /** Every op, in the order of the permits clause (the order error messages list them in). */
  List<String> OPS = TypeNames.of(Step.class);

  /** The op name as written in plans. */
  @JsonIgnore
  default String op() {
    return TypeNames.name(getClass());
  }

  /**
   * The distributed switch this step names, if any: a pnic or vmkernel adapter moving onto one, or
   * the host joining or leaving one. A standard switch is the host's own and is not named here.
   */
  @JsonIgnore
  default Optional<String> distributedSwitch() {
    return Optional.empty();
  }

  /** A short human form, e.g. {@code move-pnic vmnic2 -> standard:vSwitch-mig}. */
  @JsonIgnore
  String describe();

  @JsonTypeName("enter-maintenance")
  record EnterMaintenance() implements Step {
    @Override
    public String describe() {
      return op();
    }
  }

  @JsonTypeName("exit-maintenance")
  record ExitMaintenance() implements Step {
    @Override
    public String describe() {
      return op();
    }
  }

  @JsonTypeName("create-standard-switch")
  record CreateStandardSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public String describe() {
      return op() + " " + switchName;
    }
  }

  @JsonTypeName("remove-standard-switch")
  record RemoveStandardSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public String describe() {
      return op() + " " + switchName;
    }
  }

  /** {@code uplink} (optional) is the uplink or LAG port the pnic backs on a distributed target. */
  @JsonTypeName("move-pnic")
  record MovePnic(String pnic, SwitchRef to, String uplink) implements Step {
    @Override
    public Optional<String> distributedSwitch() {
      return to.distributed() ? Optional.of(to.name()) : Optional.empty();
    }

    @Override
    public String describe() {
      return op() + " " + pnic + " -> " + to + (uplink == null ? "" : " (" + uplink + ")");
    }
  }

  @JsonTypeName("move-vmkernel")
  record MoveVmkernel(String vmk, SwitchRef to, String portgroup) implements Step {
    @Override
    public Optional<String> distributedSwitch() {
      return to.distributed() ? Optional.of(to.name()) : Optional.empty();
    }

    @Override
    public String describe() {
      return op() + " " + vmk + " -> " + to + " / " + portgroup;
    }
  }

  @JsonTypeName("remove-from-switch")
  record RemoveFromSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public Optional<String> distributedSwitch() {
      return Optional.of(switchName);
    }

    @Override
    public String describe() {
      return op() + " " + switchName;
    }
  }

  @JsonTypeName("add-to-switch")
  record AddToSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public Optional<String> distributedSwitch() {
      return Optional.of(switchName);
    }

    @Override
    public String describe() {
      return op() + " " + switchName;
    }
  }

  /** This host's share of a switch-wide change, named by the change's id. */
  @JsonTypeName("reconfigure-switch")
  record ReconfigureSwitch(String change) implements Step {
    @Override
    public String describe() {
      return op() + " " + change;
    }
  }

  @JsonTypeName("verify")
  record Verify() implements Step {
    @Override
    public String describe() {
      return op();
    }
  }
}
