package io.vsguard.vsphere.collect;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import io.vsguard.vsphere.vim.ClusterConfigInfoEx;
import io.vsguard.vsphere.vim.DvPortgroupConfigInfo;
import io.vsguard.vsphere.vim.DvsConfigInfo;
import io.vsguard.vsphere.vim.HostNetworkInfo;
import io.vsguard.vsphere.vim.Mor;
import io.vsguard.vsphere.vim.ProductInfo;
import io.vsguard.vsphere.vim.PropertyFilterSpec;
import io.vsguard.vsphere.vim.PropertyFilterSpec.PropertySpec;
import io.vsguard.vsphere.vim.PropertyValue;
import io.vsguard.vsphere.vim.ValueReader;
import io.vsguard.vsphere.vim.VirtualEthernetCards;
import io.vsguard.vsphere.vim.VirtualNicManagerNetConfigs;
import java.util.List;

/**
 * The one property query behind a capture: every type the inventory needs, over one recursive
 * container view of the root folder, so the whole capture is one paged RetrievePropertiesEx; and,
 * path by path, the vim25 type each property is decoded into as it arrives.
 */
public final class InventoryQuery {
  /**
   * Base types: the view and the property specs include their subtypes (ClusterComputeResource,
   * VmwareDistributedVirtualSwitch).
   */
  public static final List<String> VIEW_TYPES =
      List.of(
          "Folder",
          "Datacenter",
          "ComputeResource",
          "HostSystem",
          "DistributedVirtualSwitch",
          "DistributedVirtualPortgroup",
          "VirtualMachine");

  /** Decodes the properties {@link #spec} asks for; anything else is skipped unread. */
  public static final ValueReader VALUES = InventoryQuery::value;

  private InventoryQuery() {}

  public static PropertyFilterSpec spec(ContainerView view) {
    return new PropertyFilterSpec(
        List.of(
            PropertySpec.of("Folder", "parent"),
            PropertySpec.of("Datacenter", "name", "parent"),
            PropertySpec.of("ComputeResource", "name", "parent", "host"),
            PropertySpec.of("ClusterComputeResource", "configurationEx"),
            PropertySpec.of(
                "HostSystem",
                "name",
                "parent",
                "runtime.connectionState",
                "runtime.inMaintenanceMode",
                "summary.config.product",
                "config.network",
                "config.virtualNicManagerInfo.netConfig",
                "vm"),
            // config whole: config.lacpApiVersion is not a valid path on the base type
            PropertySpec.of("DistributedVirtualSwitch", "name", "uuid", "parent", "config"),
            PropertySpec.of("DistributedVirtualPortgroup", "config"),
            // guest.*: the appliance's VMware Tools report the address the URL names; the devices
            // whole (vim25 has no path to the network adapters alone), decoded to the adapters only
            PropertySpec.of(
                "VirtualMachine",
                "name",
                "runtime.host",
                "config.instanceUuid",
                "guest.ipAddress",
                "guest.hostName",
                "config.hardware.device")),
        List.of(view.objectSpec()));
  }

  private static PropertyValue value(Mor obj, String path, XmlCursor val)
      throws MalformedResponseException {
    return switch (path) {
      case "name",
          "uuid",
          "runtime.connectionState",
          "runtime.inMaintenanceMode",
          "config.instanceUuid",
          "guest.ipAddress",
          "guest.hostName" ->
          PropertyValue.Text.read(val);
      case "parent", "runtime.host" -> PropertyValue.Ref.read(val);
      case "host", "vm" -> PropertyValue.Refs.read(val);
      case "summary.config.product" -> ProductInfo.read(val);
      case "config.network" -> HostNetworkInfo.read(val);
      case "config.virtualNicManagerInfo.netConfig" -> VirtualNicManagerNetConfigs.read(val);
      case "configurationEx" -> ClusterConfigInfoEx.read(val);
      case "config.hardware.device" -> VirtualEthernetCards.read(val);
      case "config" ->
          switch (obj.type()) {
            case "DistributedVirtualSwitch", "VmwareDistributedVirtualSwitch" ->
                DvsConfigInfo.read(val);
            case "DistributedVirtualPortgroup" -> DvPortgroupConfigInfo.read(val);
            default -> skip(val);
          };
      default -> skip(val);
    };
  }

  private static PropertyValue skip(XmlCursor val) throws MalformedResponseException {
    val.skip();
    return null;
  }
}
