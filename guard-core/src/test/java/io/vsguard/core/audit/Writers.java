package io.vsguard.core.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link AuditWriterMain} in a separate JVM on the test classpath. */
final class Writers {
  private Writers() {}

  static Process start(Path log, long count, String tag) throws IOException {
    return builder(log, count, tag).start();
  }

  static ProcessBuilder builder(Path log, long count, String tag) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AuditWriterMain.class.getName(),
                log.toString(),
                Long.toString(count),
                tag));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
  }
}
