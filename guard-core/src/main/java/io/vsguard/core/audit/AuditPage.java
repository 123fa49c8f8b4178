package io.vsguard.core.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * A page of decisions and the cursor of the page after it ({@link PageRequest}); no next cursor
 * means the log holds no further match.
 */
public record AuditPage(List<AuditRecord> records, OptionalLong next) {
  public AuditPage {
    records = List.copyOf(records);
  }
}
