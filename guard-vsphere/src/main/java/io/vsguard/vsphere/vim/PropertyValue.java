package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;
import java.util.List;

/**
 * A property value as the capture uses it, decoded straight from the response: plain text, a
 * managed-object reference or a list of them, or one of the vim25 data objects the inventory needs,
 * each cut down to the fields it reads.
 */
public sealed interface PropertyValue
    permits PropertyValue.Text,
        PropertyValue.Ref,
        PropertyValue.Refs,
        HostNetworkInfo,
        VirtualNicManagerNetConfigs,
        ProductInfo,
        ClusterConfigInfoEx,
        DvsConfigInfo,
        DvPortgroupConfigInfo,
        VirtualEthernetCards {

  /** xsd:string, an enum or a boolean, as sent. */
  record Text(String value) implements PropertyValue {
    public static Text read(XmlCursor x) throws MalformedResponseException {
      return new Text(x.text());
    }
  }

  /** A ManagedObjectReference. */
  record Ref(Mor mor) implements PropertyValue {
    public static Ref read(XmlCursor x) throws MalformedResponseException {
      return new Ref(Mor.read(x));
    }
  }

  /** An ArrayOfManagedObjectReference. */
  record Refs(List<Mor> mors) implements PropertyValue {
    public Refs {
      mors = List.copyOf(mors);
    }

    public static Refs read(XmlCursor x) throws MalformedResponseException {
      return new Refs(Values.mors(x));
    }
  }
}
