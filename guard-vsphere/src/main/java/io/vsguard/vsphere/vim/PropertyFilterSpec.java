package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.XmlWriter;
import java.util.List;

/** What to read (propSet) from which objects (objectSet), as vim25's PropertyFilterSpec. */
public record PropertyFilterSpec(List<PropertySpec> propSet, List<ObjectSpec> objectSet) {
  public PropertyFilterSpec {
    propSet = List.copyOf(propSet);
    objectSet = List.copyOf(objectSet);
  }

  void write(XmlWriter w, String name) {
    w.start(name, null);
    propSet.forEach(p -> p.write(w));
    objectSet.forEach(o -> o.write(w));
    w.end(name);
  }

  /** Properties of one managed-object type (and its subtypes). */
  public record PropertySpec(String type, boolean all, List<String> pathSet) {
    public PropertySpec {
      pathSet = List.copyOf(pathSet);
    }

    public static PropertySpec of(String type, String... paths) {
      return new PropertySpec(type, false, List.of(paths));
    }

    void write(XmlWriter w) {
      w.start("propSet", null).element("type", type).element("all", Boolean.toString(all));
      pathSet.forEach(p -> w.element("pathSet", p));
      w.end("propSet");
    }
  }

  /** Where to start (obj), whether to report it, and how to traverse from it. */
  public record ObjectSpec(Mor obj, boolean skip, List<TraversalSpec> selectSet) {
    public ObjectSpec {
      selectSet = List.copyOf(selectSet);
    }

    void write(XmlWriter w) {
      w.start("objectSet", null);
      obj.write(w, "obj");
      w.element("skip", Boolean.toString(skip));
      selectSet.forEach(t -> t.write(w));
      w.end("objectSet");
    }
  }

  /**
   * Follow {@code path} of objects of {@code type}. Written with {@code xsi:type="TraversalSpec"},
   * without which vCenter reads the element as a bare SelectionSpec.
   */
  public record TraversalSpec(String name, String type, String path, boolean skip) {
    void write(XmlWriter w) {
      w.start("selectSet", "TraversalSpec")
          .element("name", name)
          .element("type", type)
          .element("path", path)
          .element("skip", Boolean.toString(skip))
          .end("selectSet");
    }
  }

  /** RetrievePropertiesEx options: at most {@code maxObjects} objects per page. */
  public record RetrieveOptions(int maxObjects) {
    void write(XmlWriter w, String name) {
      w.start(name, null).element("maxObjects", Integer.toString(maxObjects)).end(name);
    }
  }
}
