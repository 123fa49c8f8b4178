package io.vsguard.core.audit;

import io.vsguard.core.decision.Decisions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk form of a record: one line of compact JSON whose last members are its own {@code
 * "sha256"} and, when the writer holds the audit key, the {@code "signature"} of that sha256
 * ({@link AuditSigner}). The hash covers the exact bytes of the line with those last members
 * removed, so an auditor can recompute it without our code: {@code sed -E
 * 's/,"sha256":"[0-9a-f]{64}"(,"signature":\{[^}]*\})?}$/}/' | tr -d '\n' | sha256sum}. Hashing the
 * written bytes (not a re-serialisation) keeps old records verifiable when the Decision gains
 * fields; records written before signing existed simply have no signature.
 */
record SealedLine(String body, String sha256, AuditRecord.Signature signature) {
  private static final Pattern SEAL =
      Pattern.compile(
          ",\"sha256\":\"([0-9a-f]{64})\"(?:,\"signature\":\\{\"alg\":\"([^\"\\\\]*)\",\"key\":\"([^\"\\\\]*)\","
              + "\"value\":\"([^\"\\\\]*)\"})?}$");

  /**
   * Where a record's own seal may end inside a longer text: its {@code prev} comes just before its
   * {@code sha256}, and a string value cannot hold these quotes unescaped, so the hashes inside the
   * decision are not candidates.
   */
  private static final Pattern RECORD_SEAL =
      Pattern.compile(
          ",\"prev\":\"[0-9a-f]{64}\",\"sha256\":\"[0-9a-f]{64}\"(?:,\"signature\":\\{[^}]*})?}");

  /**
   * Seals compact JSON (an object without sha256 or signature members) into its line, without the
   * newline.
   */
  static String seal(String body) {
    return seal(body, null);
  }

  /** Seals and, with a signer, signs; the line without its newline. */
  static String seal(String body, AuditSigner signer) {
    return of(body, signer).line();
  }

  private static final String NOT_ONE_LINE = "a record body is one JSON object on one line";

  /**
   * The sealed (and, with a signer, signed) form of a body: what {@link #parse} of its line gives
   * back.
   */
  static SealedLine of(String body, AuditSigner signer) {
    if (!body.endsWith("}") || body.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(NOT_ONE_LINE);
    }
    String hash = Decisions.sha256(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new SealedLine(body, hash, signer == null ? null : signer.sign(hash));
  }

  /**
   * The seal of a body given only as its UTF-8 bytes: a record can be tens of MB, and the appender
   * writes the bytes without ever making a string of them. {@link #line} is not available on it.
   */
  static SealedLine ofUtf8(byte[] utf8, AuditSigner signer) {
    if (utf8.length == 0 || utf8[utf8.length - 1] != '}') {
      throw new IllegalArgumentException(NOT_ONE_LINE);
    }
    for (byte b : utf8) {
      if (b == '\n') {
        throw new IllegalArgumentException(NOT_ONE_LINE);
      }
    }
    String hash = Decisions.sha256(utf8);
    return new SealedLine(null, hash, signer == null ? null : signer.sign(hash));
  }

  /** The line, without its newline (not for a seal made from bytes alone: it has no body). */
  String line() {
    if (body == null) {
      throw new IllegalStateException("sealed from its bytes: the line is the caller's");
    }
    return body.substring(0, body.length() - 1) + seal();
  }

  /**
   * The end of the line that follows the body's last member: the sha256 member, the signature and
   * the closing brace. An appender that knows the last line it wrote compares the log's last bytes
   * with this instead of reading the whole record back.
   */
  String seal() {
    StringBuilder s = new StringBuilder(256).append(",\"sha256\":\"").append(sha256).append('"');
    if (signature != null) {
      s.append(",\"signature\":{\"alg\":\"")
          .append(signature.alg())
          .append("\",\"key\":\"")
          .append(signature.key())
          .append("\",\"value\":\"")
          .append(signature.value())
          .append("\"}");
    }
    return s.append('}').toString();
  }

  /**
   * The body, the hash and the signature the line states, or null when the line does not end in a
   * seal.
   */
  static SealedLine parse(String line) {
    Matcher m = SEAL.matcher(line);
    if (!m.find()) {
      return null;
    }
    AuditRecord.Signature sig =
        m.group(2) == null ? null : new AuditRecord.Signature(m.group(2), m.group(3), m.group(4));
    return new SealedLine(line.substring(0, m.start()) + "}", m.group(1), sig);
  }

  /**
   * The length of the whole, intact record that {@code text} starts with when more bytes follow it,
   * else -1. An interrupted append leaves a strict prefix of one record, which never holds that
   * record's intact seal (its hash would have to cover itself), so such a text is not a torn write.
   */
  static int leadingRecordLength(String text) {
    Matcher m = RECORD_SEAL.matcher(text);
    while (m.find()) {
      if (m.end() < text.length()) {
        SealedLine first = parse(text.substring(0, m.end()));
        if (first != null && first.intact()) {
          return m.end();
        }
      }
    }
    return -1;
  }

  boolean intact() {
    return Decisions.sha256(body).equals(sha256);
  }
}
