package io.vsguard.vsphere.vim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object's properties, decoded by the query's {@link ValueReader}, and those vCenter could not
 * read.
 */
public record ObjectContent(
    Mor obj, Map<String, PropertyValue> properties, List<MissingProperty> missing) {
  public ObjectContent {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    missing = List.copyOf(missing);
  }

  /**
   * A property vCenter could not return, with its fault type (NoPermission, NotAuthenticated, ...).
   */
  public record MissingProperty(String path, String faultType, String privilegeId) {}

  /** A text property, or null when absent. */
  public String text(String path) {
    return properties.get(path) instanceof PropertyValue.Text t ? t.value() : null;
  }

  /** A reference property, or null when absent. */
  public Mor ref(String path) {
    return properties.get(path) instanceof PropertyValue.Ref r ? r.mor() : null;
  }

  /** A list-of-references property; absent means empty. */
  public List<Mor> refs(String path) {
    return properties.get(path) instanceof PropertyValue.Refs r ? r.mors() : List.of();
  }

  /** A data-object property of this type, or null when absent. */
  public <T extends PropertyValue> T value(String path, Class<T> type) {
    PropertyValue v = properties.get(path);
    return type.isInstance(v) ? type.cast(v) : null;
  }
}
