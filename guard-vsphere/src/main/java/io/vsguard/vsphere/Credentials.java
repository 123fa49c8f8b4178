package io.vsguard.vsphere;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * vCenter credentials, from the environment or from a file only the owner can read — never from a
 * command-line argument, which every user of the machine can see in the process list.
 *
 * <p>File format: lines {@code user=NAME} and {@code password=SECRET}; blank lines and lines
 * starting with {@code #} are ignored; the value is everything after the first {@code =}.
 */
public record Credentials(String user, Secret password) {
  public static final String USER_ENV = "VSGUARD_VCENTER_USER";
  public static final String PASSWORD_ENV = "VSGUARD_VCENTER_PASSWORD";

  private static final Set<PosixFilePermission> TOO_OPEN =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  public Credentials {
    if (user == null || user.isBlank() || password == null) {
      throw new IllegalArgumentException("user and password are required");
    }
  }

  /** Why credentials could not be read; the message names the file or variable. */
  public static final class Unavailable extends Exception {
    public Unavailable(String message) {
      super(message);
    }
  }

  public static Credentials fromEnvironment(Map<String, String> env) throws Unavailable {
    String user = env.get(USER_ENV);
    String password = env.get(PASSWORD_ENV);
    if (user == null || user.isBlank() || password == null || password.isEmpty()) {
      throw new Unavailable(
          "no vCenter credentials: set "
              + USER_ENV
              + " and "
              + PASSWORD_ENV
              + ", or pass --credentials FILE (mode 0600)");
    }
    sendable(user, USER_ENV);
    sendable(password, PASSWORD_ENV);
    return new Credentials(user, new Secret(password));
  }

  /**
   * Login sends both in an XML document, which cannot carry control characters (other than tab and
   * line breaks): refused here, before vCenter is contacted, naming where the value came from but
   * never the value.
   */
  private static void sendable(String value, String where) throws Unavailable {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
        throw new Unavailable(
            where + ": contains a control character, which vCenter's SOAP API cannot carry");
      }
    }
  }

  public static Credentials fromFile(Path file) throws Unavailable {
    checkMode(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new Unavailable(file + ": file not found");
    } catch (IOException e) {
      throw new Unavailable(file + ": cannot read credentials file");
    }
    String user = null;
    String password = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? line.strip() : line.substring(0, eq).strip();
      String value = eq < 0 ? "" : line.substring(eq + 1);
      switch (key) {
        case "user" -> user = value.strip();
        case "password" -> password = value;
        // the line may hold a secret, so only its number and key are named
        default ->
            throw new Unavailable(file + ":" + (i + 1) + ": expected user=NAME or password=SECRET");
      }
    }
    if (user == null || user.isEmpty()) {
      throw new Unavailable(file + ": missing line user=NAME");
    }
    if (password == null || password.isEmpty()) {
      throw new Unavailable(file + ": missing line password=SECRET");
    }
    sendable(user, file + ": user");
    sendable(password, file + ": password");
    return new Credentials(user, new Secret(password));
  }

  /** A secret readable by group or others is refused outright, as ssh does with private keys. */
  private static void checkMode(Path file) throws Unavailable {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return; // no POSIX permissions on this file system: nothing to check
    }
    Set<PosixFilePermission> perms;
    try {
      perms = view.readAttributes().permissions();
    } catch (NoSuchFileException e) {
      throw new Unavailable(file + ": file not found");
    } catch (IOException e) {
      throw new Unavailable(file + ": cannot read the file's permissions");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
      throw new Unavailable(file + ": not a regular file");
    }
    Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
    open.addAll(perms);
    open.retainAll(TOO_OPEN);
    if (!open.isEmpty()) {
      throw new Unavailable(
          file
              + ": credentials file is accessible by group or others ("
              + mode(perms)
              + "); run chmod 600 "
              + file);
    }
  }

  private static String mode(Set<PosixFilePermission> perms) {
    return PosixFilePermissions.toString(perms);
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=******]";
  }
}
