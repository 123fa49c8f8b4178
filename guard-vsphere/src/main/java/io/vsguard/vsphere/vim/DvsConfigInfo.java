package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * A distributed switch's {@code config} (DVSConfigInfo, VMwareDVSConfigInfo on a VMware switch):
 * uplink names, LACP, member hosts with the physical adapters each put on which uplink port, uplink
 * portgroups, MTU and version. {@code maxMtu} is null when vCenter sent none.
 */
public record DvsConfigInfo(
    List<String> uplinkPortName,
    String lacpApiVersion,
    List<LacpGroupConfig> lacpGroupConfig,
    List<HostMember> host,
    List<String> uplinkPortgroup,
    Integer maxMtu,
    String productVersion)
    implements PropertyValue {
  public DvsConfigInfo {
    uplinkPortName = List.copyOf(uplinkPortName);
    lacpGroupConfig = List.copyOf(lacpGroupConfig);
    host = List.copyOf(host);
    uplinkPortgroup = List.copyOf(uplinkPortgroup);
  }

  /** VMwareDvsLacpGroupConfig: a LAG, with its uplink port keys and names pairwise. */
  public record LacpGroupConfig(
      String name,
      String mode,
      Integer uplinkNum,
      String loadbalanceAlgorithm,
      List<String> uplinkPortKey,
      List<String> uplinkName) {
    public LacpGroupConfig {
      uplinkPortKey = List.copyOf(uplinkPortKey);
      uplinkName = List.copyOf(uplinkName);
    }
  }

  /**
   * DistributedVirtualSwitchHostMember: {@code config.host} (null when vCenter sent no config or no
   * host in it) and the pnic backing.
   */
  public record HostMember(Mor host, List<PnicSpec> pnicSpec) {
    public HostMember {
      pnicSpec = List.copyOf(pnicSpec);
    }
  }

  /** DistributedVirtualSwitchHostMemberPnicSpec: a physical adapter on an uplink port. */
  public record PnicSpec(String pnicDevice, String uplinkPortKey) {}

  public static DvsConfigInfo read(XmlCursor x) throws MalformedResponseException {
    List<String> uplinks = new ArrayList<>();
    String lacpApi = null;
    List<LacpGroupConfig> lags = new ArrayList<>();
    List<HostMember> members = new ArrayList<>();
    List<String> uplinkPortgroups = new ArrayList<>();
    Integer mtu = null;
    String version = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "uplinkPortPolicy" -> {
          while (x.nextChild()) {
            if (x.localName().equals("uplinkPortName")) {
              uplinks.add(x.text());
            } else {
              x.skip();
            }
          }
        }
        case "lacpApiVersion" -> lacpApi = x.text();
        case "lacpGroupConfig" -> lags.add(lag(x));
        case "host" -> members.add(member(x));
        case "uplinkPortgroup" -> uplinkPortgroups.add(x.text().strip());
        case "maxMtu" -> mtu = Values.integer(x);
        case "productInfo" -> {
          while (x.nextChild()) {
            if (x.localName().equals("version")) {
              version = x.text();
            } else {
              x.skip();
            }
          }
        }
        default -> x.skip();
      }
    }
    return new DvsConfigInfo(uplinks, lacpApi, lags, members, uplinkPortgroups, mtu, version);
  }

  private static LacpGroupConfig lag(XmlCursor x) throws MalformedResponseException {
    String name = null;
    String mode = null;
    Integer uplinkNum = null;
    String algorithm = null;
    List<String> keys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (x.nextChild()) {
      switch (x.localName()) {
        case "name" -> name = x.text();
        case "mode" -> mode = x.text();
        case "uplinkNum" -> uplinkNum = Values.integer(x);
        case "loadbalanceAlgorithm" -> algorithm = x.text();
        case "uplinkPortKey" -> keys.add(x.text());
        case "uplinkName" -> names.add(x.text());
        default -> x.skip();
      }
    }
    return new LacpGroupConfig(name, mode, uplinkNum, algorithm, keys, names);
  }

  private static HostMember member(XmlCursor x) throws MalformedResponseException {
    Mor host = null;
    List<PnicSpec> pnics = new ArrayList<>();
    while (x.nextChild()) {
      if (!x.localName().equals("config")) {
        x.skip();
        continue;
      }
      while (x.nextChild()) {
        switch (x.localName()) {
          case "host" -> host = Mor.read(x);
          case "backing" -> {
            while (x.nextChild()) {
              if (x.localName().equals("pnicSpec")) {
                pnics.add(pnicSpec(x));
              } else {
                x.skip();
              }
            }
          }
          default -> x.skip();
        }
      }
    }
    return new HostMember(host, pnics);
  }

  private static PnicSpec pnicSpec(XmlCursor x) throws MalformedResponseException {
    String device = null;
    String key = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "pnicDevice" -> device = x.text();
        case "uplinkPortKey" -> key = x.text();
        default -> x.skip();
      }
    }
    return new PnicSpec(device, key);
  }
}
