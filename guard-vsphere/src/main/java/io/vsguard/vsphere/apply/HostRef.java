package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.vim.Mor;

/** A host in a call: the HostSystem, its HostNetworkSystem, and the name an admin knows it by. */
public record HostRef(Mor host, Mor networkSystem, String name) {
  /** {@code host-17 (esx-par-01)}. */
  String show() {
    return Text.visible(host.value()) + " (" + Text.visible(name) + ")";
  }

  /** {@code hostnetworksystem-13 (esx-par-01)}. */
  String showNetworkSystem() {
    return Text.visible(networkSystem.value()) + " (" + Text.visible(name) + ")";
  }
}
