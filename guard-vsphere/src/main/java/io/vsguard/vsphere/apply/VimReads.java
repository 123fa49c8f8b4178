package io.vsguard.vsphere.apply;

import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlNode;
import io.vsguard.vsphere.vim.Mor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reads a write needs — service content, session, container views, properties (paged), and the
 * property collector's update channel for tasks — in this package's own encoding. Reads are safe to
 * resend; Login, Logout and the objects a read creates (views, collectors, filters) are not.
 */
final class VimReads {
  static final Mor SERVICE_INSTANCE = new Mor("ServiceInstance", "ServiceInstance");

  /** A bound on paging: no vCenter splits one answer into more pages than this. */
  static final int MAX_PAGES = 10_000;

  private final Soap soap;

  VimReads(Soap soap) {
    this.soap = soap;
  }

  /** The ServiceContent members this package uses. */
  record ServiceRefs(
      Mor rootFolder,
      Mor propertyCollector,
      Mor viewManager,
      Mor sessionManager,
      String apiVersion) {}

  /** Properties of one type; {@code paths} relative to the object. */
  record PropSpec(String type, List<String> paths) {
    PropSpec {
      paths = List.copyOf(paths);
    }
  }

  /** Where to start: an object itself, or (a container view) every object in it. */
  record ObjSpec(Mor obj, boolean throughView) {}

  /** One object's returned properties, by path. */
  record Props(Mor obj, Map<String, XmlNode> values) {
    Props {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    XmlNode get(String path) throws MalformedResponseException {
      XmlNode v = values.get(path);
      if (v == null) {
        throw new MalformedResponseException(
            "vCenter returned no " + path + " for " + Text.visible(obj.toString()));
      }
      return v;
    }

    String text(String path) throws MalformedResponseException {
      return get(path).text().strip();
    }
  }

  /** One WaitForUpdatesEx answer: the next version, and each object's changed property values. */
  record Update(String version, List<Change> changes) {}

  record Change(Mor obj, String name, XmlNode value) {}

  ServiceRefs retrieveServiceContent() throws VsphereException {
    String op = "RetrieveServiceContent";
    XmlNode r =
        soap.call(op, op, Xml.operation(op, SERVICE_INSTANCE).end(op), Soap.Kind.SAFE_TO_RESEND);
    XmlNode sc =
        r.child("returnval")
            .orElseThrow(
                () ->
                    new MalformedResponseException(
                        "malformed response to " + op + ": no returnval"));
    String api = sc.pathText("about.apiVersion");
    soap.apiVersion(api);
    return new ServiceRefs(
        ref(sc, "rootFolder"),
        ref(sc, "propertyCollector"),
        ref(sc, "viewManager"),
        ref(sc, "sessionManager"),
        api);
  }

  void login(Mor sessionManager, Credentials credentials) throws VsphereException {
    String op = "Login";
    // the body holds the password: it goes to the transport and nowhere else
    soap.call(
        op,
        op,
        Xml.operation(op, sessionManager)
            .text("userName", credentials.user())
            .text("password", credentials.password().reveal())
            .end(op),
        Soap.Kind.SEND_ONCE);
  }

  void logout(Mor sessionManager) throws VsphereException {
    String op = "Logout";
    soap.call(op, op, Xml.operation(op, sessionManager).end(op), Soap.Kind.SEND_ONCE);
  }

  Mor createContainerView(Mor viewManager, Mor container, List<String> types)
      throws VsphereException {
    String op = "CreateContainerView";
    Xml x = Xml.operation(op, viewManager).ref("container", container);
    types.forEach(t -> x.text("type", t));
    x.bool("recursive", true);
    return Soap.returnedRef(soap.call(op, op, x.end(op), Soap.Kind.SEND_ONCE), op);
  }

  void destroyView(Mor view) throws VsphereException {
    String op = "DestroyView";
    soap.call(op, op, Xml.operation(op, view).end(op), Soap.Kind.SEND_ONCE);
  }

  /**
   * Every object the specs reach, all pages. A property vCenter reports as missing is a failure
   * (its fault, typically NoPermission), never a gap a write would be planned around.
   */
  List<Props> retrieve(Mor collector, List<PropSpec> props, List<ObjSpec> objects, int maxObjects)
      throws VsphereException {
    String op = "RetrievePropertiesEx";
    Xml x = Xml.operation(op, collector);
    filterSpec(x, "specSet", props, objects);
    x.open("options").number("maxObjects", maxObjects).close("options");
    XmlNode r = soap.call(op, op, x.end(op), Soap.Kind.SAFE_TO_RESEND);
    Map<Mor, Map<String, XmlNode>> out = new LinkedHashMap<>();
    Set<String> tokens = new HashSet<>();
    for (int page = 0; ; page++) {
      XmlNode result = r.child("returnval").orElse(null);
      if (result == null) {
        break; // nothing matched
      }
      collect(result, out);
      String token = result.childText("token");
      if (token == null || token.isBlank()) {
        break;
      }
      if (!tokens.add(token) || page >= MAX_PAGES) {
        throw new MalformedResponseException(
            "vCenter repeated paging token "
                + Text.visible(token)
                + " of RetrievePropertiesEx; the result would never end");
      }
      String cont = "ContinueRetrievePropertiesEx";
      // each continuation advances the server's cursor: never resent
      r =
          soap.call(
              cont,
              cont,
              Xml.operation(cont, collector).text("token", token.strip()).end(cont),
              Soap.Kind.SEND_ONCE);
    }
    List<Props> list = new ArrayList<>();
    out.forEach((obj, values) -> list.add(new Props(obj, values)));
    return list;
  }

  /** A property collector of our own, so a wait for one task never sees another's updates. */
  Mor createPropertyCollector(Mor collector) throws VsphereException {
    String op = "CreatePropertyCollector";
    return Soap.returnedRef(
        soap.call(op, op, Xml.operation(op, collector).end(op), Soap.Kind.SEND_ONCE), op);
  }

  /** Destroys the collector and its filters. */
  void destroyPropertyCollector(Mor collector) throws VsphereException {
    String op = "DestroyPropertyCollector";
    soap.call(op, op, Xml.operation(op, collector).end(op), Soap.Kind.SEND_ONCE);
  }

  Mor createFilter(Mor collector, List<PropSpec> props, List<ObjSpec> objects)
      throws VsphereException {
    String op = "CreateFilter";
    Xml x = Xml.operation(op, collector);
    filterSpec(x, "spec", props, objects);
    x.bool("partialUpdates", false);
    return Soap.returnedRef(soap.call(op, op, x.end(op), Soap.Kind.SEND_ONCE), op);
  }

  /**
   * Changes after {@code version} ("" for everything), waiting at most {@code maxWaitSeconds} on
   * the server; null when nothing changed in that time.
   */
  Update waitForUpdatesEx(Mor collector, String version, int maxWaitSeconds)
      throws VsphereException {
    String op = "WaitForUpdatesEx";
    XmlNode r =
        soap.call(
            op,
            op,
            Xml.operation(op, collector)
                .text("version", version)
                .open("options")
                .number("maxWaitSeconds", maxWaitSeconds)
                .close("options")
                .end(op),
            Soap.Kind.SAFE_TO_RESEND);
    XmlNode set = r.child("returnval").orElse(null);
    if (set == null) {
      return null;
    }
    String next = set.childText("version");
    if (next == null) {
      throw new MalformedResponseException(
          "malformed response to " + op + ": an update without its version");
    }
    List<Change> changes = new ArrayList<>();
    for (XmlNode filter : set.children("filterSet")) {
      for (XmlNode object : filter.children("objectSet")) {
        Mor obj =
            Mor.of(
                object
                    .child("obj")
                    .orElseThrow(
                        () ->
                            new MalformedResponseException(
                                "malformed response to " + op + ": no obj")));
        for (XmlNode change : object.children("changeSet")) {
          changes.add(new Change(obj, change.childText("name"), change.child("val").orElse(null)));
        }
      }
    }
    return new Update(next.strip(), changes);
  }

  /** PropertyFilterSpec: propSet (type, all, pathSet), objectSet (obj, skip, selectSet). */
  private static void filterSpec(
      Xml x, String element, List<PropSpec> props, List<ObjSpec> objects) {
    x.open(element);
    for (PropSpec p : props) {
      x.open("propSet").text("type", p.type()).bool("all", false);
      p.paths().forEach(path -> x.text("pathSet", path));
      x.close("propSet");
    }
    for (ObjSpec o : objects) {
      x.open("objectSet").ref("obj", o.obj()).bool("skip", o.throughView());
      if (o.throughView()) {
        x.open("selectSet", "TraversalSpec")
            .text("name", "traverseView")
            .text("type", "ContainerView")
            .text("path", "view")
            .bool("skip", false)
            .close("selectSet");
      }
      x.close("objectSet");
    }
    x.close(element);
  }

  private static void collect(XmlNode result, Map<Mor, Map<String, XmlNode>> out)
      throws VsphereException {
    for (XmlNode o : result.children("objects")) {
      Mor obj =
          Mor.of(
              o.child("obj")
                  .orElseThrow(
                      () ->
                          new MalformedResponseException(
                              "malformed RetrieveResult: an object without obj")));
      for (XmlNode m : o.children("missingSet")) {
        XmlNode fault = m.path("fault.fault").orElse(null);
        Fault f =
            Fault.of(
                fault == null ? null : fault.xsiType(),
                fault,
                m.pathText("fault.localizedMessage"));
        throw new VimCallException(
            "reading " + Text.visible(m.childText("path")) + " of " + Text.visible(obj.toString()),
            null,
            f);
      }
      Map<String, XmlNode> values = out.computeIfAbsent(obj, k -> new LinkedHashMap<>());
      for (XmlNode p : o.children("propSet")) {
        String name = p.childText("name");
        if (name == null) {
          throw new MalformedResponseException(
              "malformed RetrieveResult: a property without name on "
                  + Text.visible(obj.toString()));
        }
        p.child("val").ifPresent(v -> values.put(name, v));
      }
    }
  }

  private static Mor ref(XmlNode sc, String field) throws MalformedResponseException {
    XmlNode n =
        sc.child(field)
            .orElseThrow(
                () -> new MalformedResponseException("malformed ServiceContent: no " + field));
    return Mor.of(n);
  }
}
