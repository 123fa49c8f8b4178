package io.vsguard.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant immutable copies: absent collections in documents read as empty. */
public final class Lists {
  private Lists() {}

  public static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** Keeps insertion order, which is the document's order, so output stays deterministic. */
  public static <K, V> Map<K, V> copy(Map<K, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
