package io.vsguard.vsphere.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The rule of the house, checked on compiled classes: writes to vCenter belong to {@code vsguard
 * apply} alone. Only this package and the apply command ({@code io.vsguard.cli.ApplyCommand} and
 * {@code io.vsguard.cli.apply}) may refer to {@code io.vsguard.vsphere.apply}; check, stage,
 * export, serve and the capture client cannot reach a write method. A class refers to the package
 * when its constant pool names one of its classes (a field, a call, a signature) or its dotted name
 * (reflection), so the byte search below sees every use the compiler left.
 */
public final class WriteBoundary {
  static final List<byte[]> NEEDLES =
      List.of(
          "io/vsguard/vsphere/apply/".getBytes(StandardCharsets.US_ASCII),
          "io.vsguard.vsphere.apply".getBytes(StandardCharsets.US_ASCII));

  private WriteBoundary() {}

  /**
   * Whether a class (internal name, e.g. {@code io/vsguard/cli/CheckCommand}) may use the apply
   * package.
   */
  public static boolean allowed(String internalName) {
    return internalName.startsWith("io/vsguard/vsphere/apply/")
        || internalName.startsWith("io/vsguard/cli/apply/")
        || internalName.equals("io/vsguard/cli/ApplyCommand")
        || internalName.startsWith("io/vsguard/cli/ApplyCommand$");
  }

  /**
   * Every class of a code source (a classes directory or a jar) that refers to the apply package.
   */
  public static List<String> referencing(Class<?> anyClassOfTheModule) {
    Path source;
    try {
      source =
          Path.of(anyClassOfTheModule.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Map<String, byte[]> classes = classes(source);
    if (classes.isEmpty()) {
      throw new AssertionError("no classes under " + source);
    }
    List<String> out = new ArrayList<>();
    classes.forEach(
        (name, bytes) -> {
          if (NEEDLES.stream().anyMatch(n -> contains(bytes, n))) {
            out.add(name);
          }
        });
    return out;
  }

  private static Map<String, byte[]> classes(Path source) {
    Map<String, byte[]> out = new TreeMap<>();
    try {
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
            String rel = source.relativize(f).toString().replace('\\', '/');
            out.put(rel.substring(0, rel.length() - ".class".length()), Files.readAllBytes(f));
          }
        }
      } else {
        try (JarFile jar = new JarFile(source.toFile())) {
          for (JarEntry e : java.util.Collections.list(jar.entries())) {
            if (e.getName().endsWith(".class")) {
              try (InputStream in = jar.getInputStream(e)) {
                out.put(
                    e.getName().substring(0, e.getName().length() - ".class".length()),
                    in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
