package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A VMkernel adapter. {@code switchName} is a distributed switch name, or a standard switch of
 * the same host; the inventory loader resolves which (a {@code standard:} prefix is accepted).
 */
public record Vmkernel(
    String device,
    @JsonProperty("switch") String switchName,
    String portgroup,
    List<String> services) {

  public static final String MANAGEMENT = "management";

  public Vmkernel {
    services = Lists.copy(services);
  }

  public boolean carriesManagement() {
    return services.contains(MANAGEMENT);
  }
}
