package io.vsguard.vsphere.collect;

import io.vsguard.vsphere.vim.PropertyFilterSpec;
import io.vsguard.vsphere.vim.PropertyFilterSpec.PropertySpec;
import java.util.List;

/**
 * The one property query behind a capture: every type the inventory needs, over one recursive
 * container view of the root folder, so the whole capture is one paged RetrievePropertiesEx.
 */
public final class InventoryQuery {
  /** Base types: the view and the property specs include their subtypes (ClusterComputeResource, VmwareDistributedVirtualSwitch). */
  public static final List<String> VIEW_TYPES = List.of("Folder", "Datacenter", "ComputeResource", "HostSystem",
      "DistributedVirtualSwitch", "DistributedVirtualPortgroup", "VirtualMachine");

  private InventoryQuery() {}

  public static PropertyFilterSpec spec(ContainerView view) {
    return new PropertyFilterSpec(List.of(
        PropertySpec.of("Folder", "parent"),
        PropertySpec.of("Datacenter", "name", "parent"),
        PropertySpec.of("ComputeResource", "name", "parent", "host"),
        PropertySpec.of("ClusterComputeResource", "configurationEx"),
        PropertySpec.of("HostSystem", "name", "parent", "runtime.connectionState", "runtime.inMaintenanceMode",
            "summary.config.product", "config.network", "config.virtualNicManagerInfo.netConfig", "vm"),
        // config whole: config.lacpApiVersion is not a valid path on the base type
        PropertySpec.of("DistributedVirtualSwitch", "name", "uuid", "parent", "config"),
        PropertySpec.of("DistributedVirtualPortgroup", "config"),
        // guest.*: the appliance's VMware Tools report the address the URL names
        PropertySpec.of("VirtualMachine", "name", "runtime.host", "config.instanceUuid", "guest.ipAddress",
            "guest.hostName")),
        List.of(view.objectSpec()));
  }
}
