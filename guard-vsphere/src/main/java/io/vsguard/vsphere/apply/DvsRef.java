package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.vim.Mor;

/** A distributed switch in a call: its moref, name and uuid (VMkernel ports name it by uuid). */
public record DvsRef(Mor dvs, String name, String uuid) {
  /** {@code dvs-105 (DVS-Prod-v6)}. */
  String show() {
    return Text.visible(dvs.value()) + " (" + Text.visible(name) + ")";
  }
}
