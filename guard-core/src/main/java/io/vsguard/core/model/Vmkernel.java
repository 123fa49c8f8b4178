package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A VMkernel adapter. {@code switchName} is a distributed switch name, or a standard switch of the
 * same host; the inventory loader resolves which (a {@code standard:} prefix is accepted). Its VLAN
 * is its portgroup's. {@code mtu} is the adapter's own MTU (ESXi's {@code HostVirtualNicSpec.mtu});
 * null when the snapshot does not say, which means unknown, never 1500.
 */
@JsonPropertyOrder({"device", "switch", "portgroup", "services", "mtu"})
public record Vmkernel(
    String device,
    @JsonProperty("switch") String switchName,
    String portgroup,
    List<String> services,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer mtu) {

  public static final String MANAGEMENT = "management";

  public Vmkernel {
    services = Lists.copy(services);
  }

  /** An adapter whose MTU the snapshot does not know. */
  public Vmkernel(String device, String switchName, String portgroup, List<String> services) {
    this(device, switchName, portgroup, services, null);
  }

  public boolean carriesManagement() {
    return services.contains(MANAGEMENT);
  }
}
