package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * A VM's network adapters, read from its {@code config.hardware.device} (ArrayOfVirtualDevice):
 * every device whose backing is an ethernet card's (VirtualEthernetCard*BackingInfo, whatever the
 * card's type — E1000, VMXNET 3, SR-IOV), with where it is connected. Disks, controllers and the
 * other devices are skipped unread; so is an adapter with no backing, which is connected to no
 * network.
 */
public record VirtualEthernetCards(List<Card> cards) implements PropertyValue {
  /** The backing types of the networks vsguard places an adapter on. */
  public static final String NETWORK = "VirtualEthernetCardNetworkBackingInfo";

  public static final String DISTRIBUTED_PORT =
      "VirtualEthernetCardDistributedVirtualPortBackingInfo";
  private static final String ETHERNET_BACKING = "VirtualEthernetCard";

  public VirtualEthernetCards {
    cards = List.copyOf(cards);
  }

  /**
   * One adapter: its device key, its label in the vSphere Client (deviceInfo.label, "Network
   * adapter 1"; null when not sent), its backing's xsi:type, and by backing: a standard portgroup's
   * name ({@code deviceName}), or a distributed port's switch uuid and portgroup key.
   */
  public record Card(
      int key,
      String label,
      String backingType,
      String deviceName,
      String switchUuid,
      String portgroupKey) {}

  public static VirtualEthernetCards read(XmlCursor x) throws MalformedResponseException {
    List<Card> cards = new ArrayList<>();
    while (x.nextChild()) {
      Card c = device(x);
      if (c != null) {
        cards.add(c);
      }
    }
    return new VirtualEthernetCards(cards);
  }

  private static Card device(XmlCursor x) throws MalformedResponseException {
    Integer key = null;
    String label = null;
    String backingType = null;
    String deviceName = null;
    String switchUuid = null;
    String portgroupKey = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "key" -> key = Values.integer(x);
        case "deviceInfo" -> {
          while (x.nextChild()) {
            if (x.localName().equals("label")) {
              label = x.text();
            } else {
              x.skip();
            }
          }
        }
        case "backing" -> {
          String type = x.xsiType();
          if (type == null || !type.startsWith(ETHERNET_BACKING)) {
            x.skip();
          } else {
            backingType = type;
            while (x.nextChild()) {
              switch (x.localName()) {
                case "deviceName" -> deviceName = x.text();
                case "port" -> {
                  while (x.nextChild()) {
                    switch (x.localName()) {
                      case "switchUuid" -> switchUuid = x.text();
                      case "portgroupKey" -> portgroupKey = x.text();
                      default -> x.skip();
                    }
                  }
                }
                default -> x.skip();
              }
            }
          }
        }
        default -> x.skip();
      }
    }
    if (backingType == null) {
      return null;
    }
    if (key == null) {
      throw x.invalid("a network adapter without its device key");
    }
    return new Card(key, label, backingType, deviceName, switchUuid, portgroupKey);
  }
}
