package io.vsguard.vsphere.vim;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import io.vsguard.vsphere.soap.XmlNode;
import java.io.IOException;
import java.util.List;
import javax.xml.namespace.QName;

/** What to read (propSet) from which objects (objectSet), as vim25's PropertyFilterSpec. */
@JsonPropertyOrder({"propSet", "objectSet"})
public record PropertyFilterSpec(List<PropertySpec> propSet, List<ObjectSpec> objectSet) {
  public PropertyFilterSpec {
    propSet = List.copyOf(propSet);
    objectSet = List.copyOf(objectSet);
  }

  /** Properties of one managed-object type (and its subtypes). */
  @JsonPropertyOrder({"type", "all", "pathSet"})
  public record PropertySpec(String type, boolean all, List<String> pathSet) {
    public PropertySpec {
      pathSet = List.copyOf(pathSet);
    }

    public static PropertySpec of(String type, String... paths) {
      return new PropertySpec(type, false, List.of(paths));
    }
  }

  /** Where to start (obj), whether to report it, and how to traverse from it. */
  @JsonPropertyOrder({"obj", "skip", "selectSet"})
  public record ObjectSpec(Mor obj, boolean skip, List<TraversalSpec> selectSet) {
    public ObjectSpec {
      selectSet = List.copyOf(selectSet);
    }
  }

  /**
   * Follow {@code path} of objects of {@code type}. Written with {@code xsi:type="TraversalSpec"},
   * without which vCenter reads the element as a bare SelectionSpec.
   */
  @JsonSerialize(using = TraversalSpec.Writer.class)
  public record TraversalSpec(String name, String type, String path, boolean skip) {
    static final class Writer extends JsonSerializer<TraversalSpec> {
      @Override
      public void serialize(TraversalSpec t, JsonGenerator gen, SerializerProvider provider) throws IOException {
        ToXmlGenerator x = (ToXmlGenerator) gen;
        x.writeStartObject();
        x.setNextIsAttribute(true);
        x.setNextName(new QName(XmlNode.XSI, "type"));
        x.writeFieldName("type");
        x.writeString("TraversalSpec");
        x.setNextIsAttribute(false);
        x.setNextName(new QName("", "name"));
        x.writeStringField("name", t.name());
        x.writeStringField("type", t.type());
        x.writeStringField("path", t.path());
        x.writeBooleanField("skip", t.skip());
        x.writeEndObject();
      }
    }
  }

  /** RetrievePropertiesEx options: at most {@code maxObjects} objects per page. */
  public record RetrieveOptions(int maxObjects) {}
}
