package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's {@code config.virtualNicManagerInfo.netConfig}: per service (nicType: management,
 * vmotion, ...) the VMkernel adapters that could carry it and the ones selected for it.
 */
public record VirtualNicManagerNetConfigs(List<NetConfig> netConfig) implements PropertyValue {
  public VirtualNicManagerNetConfigs {
    netConfig = List.copyOf(netConfig);
  }

  /** VirtualNicManagerNetConfig; selected vnics are keys "<nicType>.<vnic key>". */
  public record NetConfig(
      String nicType, List<Candidate> candidateVnic, List<String> selectedVnic) {
    public NetConfig {
      candidateVnic = List.copyOf(candidateVnic);
      selectedVnic = List.copyOf(selectedVnic);
    }
  }

  /** A candidate HostVirtualNic: its selection key and device. */
  public record Candidate(String key, String device) {}

  public static VirtualNicManagerNetConfigs read(XmlCursor x) throws MalformedResponseException {
    List<NetConfig> configs = new ArrayList<>();
    while (x.nextChild()) {
      configs.add(netConfig(x));
    }
    return new VirtualNicManagerNetConfigs(configs);
  }

  private static NetConfig netConfig(XmlCursor x) throws MalformedResponseException {
    String nicType = null;
    List<Candidate> candidates = new ArrayList<>();
    List<String> selected = new ArrayList<>();
    while (x.nextChild()) {
      switch (x.localName()) {
        case "nicType" -> nicType = x.text();
        case "selectedVnic" -> selected.add(x.text());
        case "candidateVnic" -> {
          String key = null;
          String device = null;
          while (x.nextChild()) {
            switch (x.localName()) {
              case "key" -> key = x.text();
              case "device" -> device = x.text();
              default -> x.skip();
            }
          }
          candidates.add(new Candidate(key, device));
        }
        default -> x.skip();
      }
    }
    return new NetConfig(nicType, candidates, selected);
  }
}
