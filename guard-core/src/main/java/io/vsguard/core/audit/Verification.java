package io.vsguard.core.audit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The outcome of walking the hash chain from the first record to the last. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "status")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Verification.Intact.class, name = "intact"),
    @JsonSubTypes.Type(value = Verification.TornTail.class, name = "torn-tail"),
    @JsonSubTypes.Type(value = Verification.Broken.class, name = "broken")})
public sealed interface Verification {

  /** How many records chain correctly from the start. */
  long records();

  /** Every record chains; {@code headSha256} is the last record's hash (GENESIS for an empty log). */
  record Intact(long records, String headSha256) implements Verification {}

  /**
   * Every complete record chains, but the file ends with {@code bytes} bytes without a newline at
   * {@code line}: an append interrupted by a crash. It was never acknowledged (an append returns
   * only after its newline is on disk); the next append cuts it off and notes it in its record.
   */
  record TornTail(long records, String headSha256, long line, long bytes) implements Verification {}

  /**
   * The first record that does not verify: {@code line} is its 1-based line number, {@code recordId}
   * its decision id when the line can still be read (null otherwise), {@code reason} what is wrong.
   * Records after it are not trusted.
   */
  record Broken(long records, long line, String recordId, String reason) implements Verification {}
}
