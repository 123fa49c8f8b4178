package io.vsguard.core.audit;

import io.vsguard.core.decision.Decisions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk form of a record: one line of compact JSON whose last member is its own
 * {@code "sha256"}. The hash covers the exact bytes of the line with that last member removed,
 * so an auditor can recompute it without our code:
 * {@code sed 's/,"sha256":"[0-9a-f]*"}$/}/' | head -1 | tr -d '\n' | sha256sum}. Hashing the
 * written bytes (not a re-serialisation) keeps old records verifiable when the Decision gains
 * fields.
 */
record SealedLine(String body, String sha256) {
  private static final Pattern SEAL = Pattern.compile(",\"sha256\":\"([0-9a-f]{64})\"}$");

  /** Seals compact JSON (an object without a sha256 member) into its line, without the newline. */
  static String seal(String body) {
    if (!body.endsWith("}") || body.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a record body is one JSON object on one line");
    }
    String hash = Decisions.sha256(body);
    return body.substring(0, body.length() - 1) + ",\"sha256\":\"" + hash + "\"}";
  }

  /** The body and the hash the line states, or null when the line does not end in a seal. */
  static SealedLine parse(String line) {
    Matcher m = SEAL.matcher(line);
    if (!m.find()) {
      return null;
    }
    return new SealedLine(line.substring(0, m.start()) + "}", m.group(1));
  }

  boolean intact() {
    return Decisions.sha256(body).equals(sha256);
  }
}
