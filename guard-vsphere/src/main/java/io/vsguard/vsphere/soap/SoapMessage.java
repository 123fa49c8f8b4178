package io.vsguard.vsphere.soap;

/** A vim25 request message: the operation's element name and how its content is written. */
public interface SoapMessage {
  /** The operation element, e.g. "RetrievePropertiesEx". */
  String element();

  /** The operation's parameters, in the WSDL's order. */
  void writeContent(XmlWriter w);
}
