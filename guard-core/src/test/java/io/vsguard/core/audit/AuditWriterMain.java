package io.vsguard.core.audit;

import java.nio.file.Path;

/**
 * A separate writer process for the concurrency and crash tests: appends COUNT records (forever
 * when COUNT is -1) and prints each record's id only after its append has returned, so every id on
 * stdout is an acknowledged, durable record.
 */
public final class AuditWriterMain {
  private AuditWriterMain() {}

  public static void main(String[] args) throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(Path.of(args[0]));
    long count = Long.parseLong(args[1]);
    String tag = args[2];
    for (long i = 0; count < 0 || i < count; i++) {
      AuditRecord r = store.append(Records.entry(tag + "-" + i));
      System.out.println(r.id());
      System.out.flush();
    }
  }
}
