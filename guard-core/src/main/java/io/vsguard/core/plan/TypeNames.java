package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * The names plans give the records of a sealed type ({@code op: move-pnic}, {@code action:
 * migrate-hosts}). Each name is spelled once, in the record's {@link JsonTypeName}; the list of
 * names and every lookup are read from there, so the writer (Jackson), the loader and the
 * documents' own lists cannot disagree.
 */
public final class TypeNames {
  // Read once per record class: describe() asks for the name of every step it writes.
  private static final ClassValue<String> NAMES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> record) {
          JsonTypeName n = record.getAnnotation(JsonTypeName.class);
          if (n == null || n.value().isBlank()) {
            throw new IllegalStateException(
                record.getName() + " has no @JsonTypeName: plans cannot name it");
          }
          return n.value();
        }
      };

  private TypeNames() {}

  /**
   * The names of a sealed type's records, in the order of its {@code permits} clause: without one,
   * the order javac records is not the order of the declarations, and it is what users read in
   * "expected one of …".
   */
  public static List<String> of(Class<?> sealedType) {
    if (!sealedType.isSealed()) {
      throw new IllegalArgumentException(sealedType.getSimpleName() + " is not sealed");
    }
    List<String> names = new ArrayList<>();
    for (Class<?> c : sealedType.getPermittedSubclasses()) {
      String name = name(c);
      if (names.contains(name)) {
        throw new IllegalStateException(
            "two records of " + sealedType.getSimpleName() + " are named " + name);
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  /** A record's name as plans spell it. */
  public static String name(Class<?> record) {
    return NAMES.get(record);
  }
}
