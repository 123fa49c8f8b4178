package io.vsguard.cli.serve;

import io.vsguard.core.decision.Decisions;
import io.vsguard.core.load.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bearer tokens the server accepts, each with a name that the audit log records as the actor
 * ({@code api-token:NAME}). The file holds one {@code name:token} per line; {@code #} starts a
 * comment. It is a credential file, so one readable by group or others is refused, and the tokens
 * themselves are kept only as SHA-256 digests and never appear in a message.
 */
public final class ApiTokens {
  static final int MIN_TOKEN_LENGTH = 16;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

  private record Entry(String name, byte[] digest) {}

  private final List<Entry> entries;

  private ApiTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads and checks a tokens file; an input error names the file and the line, never the token.
   */
  public static ApiTokens load(Path file) throws InputException {
    String name = file.toString();
    checkPermissions(file);
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(name, "", 0, "file not found");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InputException(name, "", 0, "permission denied");
    } catch (IOException e) {
      throw new InputException(name, "", 0, "cannot read file: " + e.getMessage());
    }
    return parse(name, new String(raw, StandardCharsets.UTF_8));
  }

  static ApiTokens parse(String file, String text) throws InputException {
    Map<String, Entry> byName = new LinkedHashMap<>();
    List<byte[]> digests = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new InputException(file, "", i + 1, "expected name:token");
      }
      String tokenName = line.substring(0, colon).strip();
      String token = line.substring(colon + 1).strip();
      if (!NAME.matcher(tokenName).matches()) {
        throw new InputException(
            file,
            "",
            i + 1,
            "expected a token name of letters, digits, '.', '_', '@' or '-' (at most 64) before the colon");
      }
      if (token.length() < MIN_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
        throw new InputException(
            file,
            "",
            i + 1,
            "the token of '"
                + tokenName
                + "' must be at least "
                + MIN_TOKEN_LENGTH
                + " printable characters without spaces (e.g. openssl rand -hex 32)");
      }
      if (byName.containsKey(tokenName)) {
        throw new InputException(file, "", i + 1, "duplicate token name '" + tokenName + "'");
      }
      byte[] digest = digest(token);
      for (byte[] d : digests) {
        if (MessageDigest.isEqual(d, digest)) {
          throw new InputException(
              file,
              "",
              i + 1,
              "the token of '"
                  + tokenName
                  + "' is also another name's token; every name needs its own, or the audit log cannot tell them apart");
        }
      }
      digests.add(digest);
      byName.put(tokenName, new Entry(tokenName, digest));
    }
    if (byName.isEmpty()) {
      throw new InputException(file, "", 0, "no tokens; expected at least one line name:token");
    }
    return new ApiTokens(new ArrayList<>(byName.values()));
  }

  /**
   * The name of the token presented, if it is one of ours. Every entry is compared, with a
   * constant-time comparison of digests, so the answer's timing says nothing about which token came
   * close.
   */
  public Optional<String> nameOf(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = digest(presented);
    String found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
        found = e.name();
      }
    }
    return Optional.ofNullable(found);
  }

  public int size() {
    return entries.size();
  }

  private static byte[] digest(String token) {
    return HexFormat.of().parseHex(Decisions.sha256(token));
  }

  private static void checkPermissions(Path file) throws InputException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null || !Files.exists(file)) {
      return;
    }
    Set<PosixFilePermission> perms;
    try {
      perms = view.readAttributes().permissions();
    } catch (IOException e) {
      throw new InputException(
          file.toString(), "", 0, "cannot read the file's permissions: " + e.getMessage());
    }
    for (PosixFilePermission p : perms) {
      String who = p.name();
      if (who.startsWith("GROUP_") || who.startsWith("OTHERS_")) {
        throw new InputException(
            file.toString(),
            "",
            0,
            "holds credentials but group or others have access to it; run chmod 600 " + file);
      }
    }
  }
}
