package io.vsguard.core.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;

/**
 * One broken invariant, with where it broke and what to do instead (docs/spec/formats.md, section
 * 3).
 */
@JsonPropertyOrder({
  "rule",
  "severity",
  "change",
  "wave",
  "step",
  "subject",
  "message",
  "remediation",
  "reference",
  "exemption"
})
public record Finding(
    String rule,
    Severity severity,
    String change,
    String wave,
    Integer step,
    Subject subject,
    String message,
    String remediation,
    String reference,
    Exemption exemption) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Subject(@JsonProperty("switch") String switchName, String host) {}

  /** Why a finding does not count toward the verdict; filled by policy exemptions. */
  public record Exemption(String justification, String approver, LocalDate expires, String scope) {}

  public Finding withSeverity(Severity s) {
    return new Finding(
        rule, s, change, wave, step, subject, message, remediation, reference, exemption);
  }

  public Finding withExemption(Exemption e) {
    return new Finding(
        rule, severity, change, wave, step, subject, message, remediation, reference, e);
  }

  public boolean counts() {
    return exemption == null;
  }
}
