package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A VM's network adapter as it is connected on its host today: {@code adapter} is its label in the
 * vSphere Client ("Network adapter 1"), {@code switchName} a distributed switch name or a standard
 * switch of the same host (written and resolved as for {@link Vmkernel}), and {@code portgroup} the
 * portgroup on that switch. Its VLAN and MTU are the portgroup's and the switch's. A host-by-host
 * migration that keeps running VMs must keep each of these on a portgroup that carries the same
 * network.
 */
@JsonPropertyOrder({"vm", "adapter", "switch", "portgroup"})
public record VmAdapter(
    String vm, String adapter, @JsonProperty("switch") String switchName, String portgroup) {}
