package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** One host-local operation of a rollout, as the simulation applies it (docs/spec/formats.md, section 2). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Step.EnterMaintenance.class, name = "enter-maintenance"),
    @JsonSubTypes.Type(value = Step.ExitMaintenance.class, name = "exit-maintenance"),
    @JsonSubTypes.Type(value = Step.CreateStandardSwitch.class, name = "create-standard-switch"),
    @JsonSubTypes.Type(value = Step.RemoveStandardSwitch.class, name = "remove-standard-switch"),
    @JsonSubTypes.Type(value = Step.MovePnic.class, name = "move-pnic"),
    @JsonSubTypes.Type(value = Step.MoveVmkernel.class, name = "move-vmkernel"),
    @JsonSubTypes.Type(value = Step.RemoveFromSwitch.class, name = "remove-from-switch"),
    @JsonSubTypes.Type(value = Step.AddToSwitch.class, name = "add-to-switch"),
    @JsonSubTypes.Type(value = Step.ReconfigureSwitch.class, name = "reconfigure-switch"),
    @JsonSubTypes.Type(value = Step.Verify.class, name = "verify")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Step {

  List<String> OPS = List.of("enter-maintenance", "exit-maintenance", "create-standard-switch",
      "remove-standard-switch", "move-pnic", "move-vmkernel", "remove-from-switch", "add-to-switch",
      "reconfigure-switch", "verify");

  /** The op name as written in plans. */
  @JsonIgnore
  default String op() {
    return getClass().getAnnotation(JsonTypeNameOf.class).value();
  }

  /** A short human form, e.g. {@code move-pnic vmnic2 -> standard:vSwitch-mig}. */
  @JsonIgnore
  String describe();

  @JsonTypeNameOf("enter-maintenance")
  record EnterMaintenance() implements Step {
    @Override
    public String describe() {
      return "enter-maintenance";
    }
  }

  @JsonTypeNameOf("exit-maintenance")
  record ExitMaintenance() implements Step {
    @Override
    public String describe() {
      return "exit-maintenance";
    }
  }

  @JsonTypeNameOf("create-standard-switch")
  record CreateStandardSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public String describe() {
      return "create-standard-switch " + switchName;
    }
  }

  @JsonTypeNameOf("remove-standard-switch")
  record RemoveStandardSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public String describe() {
      return "remove-standard-switch " + switchName;
    }
  }

  /** {@code uplink} (optional) is the uplink or LAG port the pnic backs on a distributed target. */
  @JsonTypeNameOf("move-pnic")
  record MovePnic(String pnic, SwitchRef to, String uplink) implements Step {
    @Override
    public String describe() {
      return "move-pnic " + pnic + " -> " + to + (uplink == null ? "" : " (" + uplink + ")");
    }
  }

  @JsonTypeNameOf("move-vmkernel")
  record MoveVmkernel(String vmk, SwitchRef to, String portgroup) implements Step {
    @Override
    public String describe() {
      return "move-vmkernel " + vmk + " -> " + to + " / " + portgroup;
    }
  }

  @JsonTypeNameOf("remove-from-switch")
  record RemoveFromSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public String describe() {
      return "remove-from-switch " + switchName;
    }
  }

  @JsonTypeNameOf("add-to-switch")
  record AddToSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public String describe() {
      return "add-to-switch " + switchName;
    }
  }

  /** This host's share of a switch-wide change, named by the change's id. */
  @JsonTypeNameOf("reconfigure-switch")
  record ReconfigureSwitch(String change) implements Step {
    @Override
    public String describe() {
      return "reconfigure-switch " + change;
    }
  }

  @JsonTypeNameOf("verify")
  record Verify() implements Step {
    @Override
    public String describe() {
      return "verify";
    }
  }

  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @interface JsonTypeNameOf {
    String value();
  }
}
