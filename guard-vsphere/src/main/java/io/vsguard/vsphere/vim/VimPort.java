package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.soap.Envelope;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.PayloadReader;
import io.vsguard.vsphere.soap.SoapMessage;
import io.vsguard.vsphere.soap.XmlCursor;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.transport.RoundTrip;
import io.vsguard.vsphere.transport.SoapRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vim25 operations this client uses, one method each, all the same shape: build the request,
 * one round trip, decode the response or throw the typed fault. Every operation here reads, or
 * manages only this client's own session and view; none changes the inventory.
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
    XmlNode r =
        call(
            "RetrieveServiceContent",
            new Requests.RetrieveServiceContent(SERVICE_INSTANCE),
            true,
            XmlCursor::tree);
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
    XmlNode r =
        call(
            "Login",
            new Requests.Login(sessionManager, credentials.user(), credentials.password().reveal()),
            false,
            XmlCursor::tree);
    XmlNode s = returnval(r, "Login");
    return new UserSession(s.childText("userName"), s.childText("fullName"));
  }

  public void logout(Mor sessionManager) throws VsphereException {
    call("Logout", new Requests.Logout(sessionManager), false, XmlCursor::tree);
  }

  public Mor createContainerView(
      Mor viewManager, Mor container, List<String> types, boolean recursive)
      throws VsphereException {
    XmlNode r =
        call(
            "CreateContainerView",
            new Requests.CreateContainerView(viewManager, container, types, recursive),
            false,
            XmlCursor::tree);
    return Mor.of(returnval(r, "CreateContainerView"));
  }

  public void destroyView(Mor view) throws VsphereException {
    call("DestroyView", new Requests.DestroyView(view), false, XmlCursor::tree);
  }

  /** The first page; each property value is decoded by {@code values} as it arrives. */
  public RetrieveResult retrievePropertiesEx(
      Mor collector,
      List<PropertyFilterSpec> specs,
      PropertyFilterSpec.RetrieveOptions options,
      ValueReader values)
      throws VsphereException {
    return call(
        "RetrievePropertiesEx",
        new Requests.RetrievePropertiesEx(collector, specs, options),
        true,
        x -> {
          RetrieveResult result = null;
          while (x.nextChild()) {
            if (result == null && x.localName().equals("returnval")) {
              result = result(x, values);
            } else {
              x.skip();
            }
          }
          // no returnval at all means no object matched
          return result == null ? new RetrieveResult(null, List.of()) : result;
        });
  }

  /** Not idempotent: each call advances the server-side cursor behind the token. */
  public RetrieveResult continueRetrievePropertiesEx(
      Mor collector, String token, ValueReader values) throws VsphereException {
    return call(
        "ContinueRetrievePropertiesEx",
        new Requests.ContinueRetrievePropertiesEx(collector, token),
        false,
        x -> {
          RetrieveResult result = null;
          while (x.nextChild()) {
            if (result == null && x.localName().equals("returnval")) {
              result = result(x, values);
            } else {
              x.skip();
            }
          }
          if (result == null) {
            throw x.invalid("no returnval");
          }
          return result;
        });
  }

  private <T> T call(
      String operation, SoapMessage message, boolean idempotent, PayloadReader<T> payload)
      throws VsphereException {
    byte[] body = Envelope.encode(message);
    return transport.send(
        new SoapRequest(operation, soapAction, body, idempotent),
        (status, in) -> Envelope.decode(operation, status, in, payload));
  }

  private static XmlNode returnval(XmlNode response, String operation)
      throws MalformedResponseException {
    return response
        .child("returnval")
        .orElseThrow(
            () ->
                new MalformedResponseException(
                    "malformed response to " + operation + ": no returnval"));
  }

  /** A RetrieveResult: the paging token, then the objects, each decoded as it arrives. */
  static RetrieveResult result(XmlCursor x, ValueReader values) throws MalformedResponseException {
    String token = null;
    List<ObjectContent> objects = new ArrayList<>();
    while (x.nextChild()) {
      switch (x.localName()) {
        case "token" -> token = x.text();
        case "objects" -> objects.add(objectContent(x, values));
        default -> x.skip();
      }
    }
    return new RetrieveResult(token == null || token.isBlank() ? null : token.strip(), objects);
  }

  private static ObjectContent objectContent(XmlCursor x, ValueReader values)
      throws MalformedResponseException {
    Mor obj = null;
    Map<String, PropertyValue> props = new LinkedHashMap<>();
    List<ObjectContent.MissingProperty> missing = new ArrayList<>();
    while (x.nextChild()) {
      switch (x.localName()) {
        case "obj" -> obj = Mor.read(x);
        case "propSet" -> {
          String name = null;
          PropertyValue value = null;
          while (x.nextChild()) {
            switch (x.localName()) {
              case "name" -> name = x.text();
              case "val" -> {
                // vim25 sends obj before propSet and name before val; a value cannot be typed
                // without them
                if (obj == null || name == null) {
                  throw x.invalid("a property value before its object or its name");
                }
                try {
                  value = values.read(obj, name, x);
                } catch (MalformedResponseException e) {
                  throw new MalformedResponseException(
                      e.getMessage() + " (" + obj + ", property " + name + ")");
                }
              }
              default -> x.skip();
            }
          }
          if (name == null) {
            throw x.invalid("a property without name" + (obj == null ? "" : " on " + obj));
          }
          if (value != null) {
            props.put(name, value);
          }
        }
        case "missingSet" -> missing.add(missingProperty(x));
        default -> x.skip();
      }
    }
    if (obj == null) {
      throw x.invalid("an object without obj");
    }
    return new ObjectContent(obj, props, missing);
  }

  /** MissingProperty: the path and its LocalizedMethodFault's fault (small, read whole). */
  private static ObjectContent.MissingProperty missingProperty(XmlCursor x)
      throws MalformedResponseException {
    String path = null;
    XmlNode fault = null;
    while (x.nextChild()) {
      switch (x.localName()) {
        case "path" -> path = x.text();
        case "fault" -> fault = x.tree().child("fault").orElse(null);
        default -> x.skip();
      }
    }
    return new ObjectContent.MissingProperty(
        path,
        fault == null ? null : fault.xsiType(),
        fault == null ? null : fault.childText("privilegeId"));
  }
}
