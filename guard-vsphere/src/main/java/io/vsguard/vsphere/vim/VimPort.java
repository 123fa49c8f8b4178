package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.soap.Envelope;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.transport.RoundTrip;
import io.vsguard.vsphere.transport.SoapRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vim25 operations this client uses, one method each, all the same shape: build the
 * request, one round trip, decode the response or throw the typed fault. Every operation here
 * reads, or manages only this client's own session and view; none changes the inventory.
 */
public final class VimPort {
  public static final Mor SERVICE_INSTANCE = new Mor("ServiceInstance", "ServiceInstance");
  /** Before ServiceContent tells the real one: 6.0 is understood by every supported vCenter. */
  static final String INITIAL_API_VERSION = "6.0";

  private final RoundTrip transport;
  private volatile String soapAction = "urn:vim25/" + INITIAL_API_VERSION;

  public VimPort(RoundTrip transport) {
    this.transport = transport;
  }

  public ServiceContent retrieveServiceContent() throws VsphereException {
    XmlNode r = call("RetrieveServiceContent", new Requests.RetrieveServiceContent(SERVICE_INSTANCE), true);
    ServiceContent sc = ServiceContent.of(returnval(r, "RetrieveServiceContent"));
    String api = sc.about().apiVersion();
    if (api != null && api.matches("[0-9][0-9.]*[0-9u]*")) {
      soapAction = "urn:vim25/" + api;
    }
    return sc;
  }

  public String soapAction() {
    return soapAction;
  }

  public UserSession login(Mor sessionManager, Credentials credentials) throws VsphereException {
    XmlNode r = call("Login", new Requests.Login(sessionManager, credentials.user(), credentials.password().reveal()),
        false);
    XmlNode s = returnval(r, "Login");
    return new UserSession(s.childText("userName"), s.childText("fullName"));
  }

  public void logout(Mor sessionManager) throws VsphereException {
    call("Logout", new Requests.Logout(sessionManager), false);
  }

  public Mor createContainerView(Mor viewManager, Mor container, List<String> types, boolean recursive)
      throws VsphereException {
    XmlNode r = call("CreateContainerView",
        new Requests.CreateContainerView(viewManager, container, types, recursive), false);
    return Mor.of(returnval(r, "CreateContainerView"));
  }

  public void destroyView(Mor view) throws VsphereException {
    call("DestroyView", new Requests.DestroyView(view), false);
  }

  public RetrieveResult retrievePropertiesEx(Mor collector, List<PropertyFilterSpec> specs,
      PropertyFilterSpec.RetrieveOptions options) throws VsphereException {
    XmlNode r = call("RetrievePropertiesEx", new Requests.RetrievePropertiesEx(collector, specs, options), true);
    // no returnval at all means no object matched
    return r.child("returnval").isPresent() ? result(r.child("returnval").get()) : new RetrieveResult(null, List.of());
  }

  /** Not idempotent: each call advances the server-side cursor behind the token. */
  public RetrieveResult continueRetrievePropertiesEx(Mor collector, String token) throws VsphereException {
    XmlNode r = call("ContinueRetrievePropertiesEx", new Requests.ContinueRetrievePropertiesEx(collector, token), false);
    return result(returnval(r, "ContinueRetrievePropertiesEx"));
  }

  private XmlNode call(String operation, Object message, boolean idempotent) throws VsphereException {
    byte[] body = Envelope.encode(message);
    return Envelope.decode(operation, transport.send(new SoapRequest(operation, soapAction, body, idempotent)));
  }

  private static XmlNode returnval(XmlNode response, String operation) throws MalformedResponseException {
    return response.child("returnval")
        .orElseThrow(() -> new MalformedResponseException("malformed response to " + operation + ": no returnval"));
  }

  static RetrieveResult result(XmlNode returnval) throws MalformedResponseException {
    String token = returnval.childText("token");
    List<ObjectContent> objects = new ArrayList<>();
    for (XmlNode o : returnval.children("objects")) {
      XmlNode obj = o.child("obj")
          .orElseThrow(() -> new MalformedResponseException("malformed RetrieveResult: an object without obj"));
      Map<String, XmlNode> props = new LinkedHashMap<>();
      for (XmlNode p : o.children("propSet")) {
        String name = p.childText("name");
        if (name == null) {
          throw new MalformedResponseException("malformed RetrieveResult: a property without name on " + Mor.of(obj));
        }
        XmlNode val = p.child("val").orElse(null);
        if (val != null) {
          props.put(name, val);
        }
      }
      List<ObjectContent.MissingProperty> missing = new ArrayList<>();
      for (XmlNode m : o.children("missingSet")) {
        XmlNode fault = m.path("fault.fault").orElse(null);
        String type = fault == null ? null : fault.xsiType();
        missing.add(new ObjectContent.MissingProperty(m.childText("path"), type, fault));
      }
      objects.add(new ObjectContent(Mor.of(obj), props, missing));
    }
    return new RetrieveResult(token == null || token.isBlank() ? null : token.strip(), objects);
  }
}
