package io.vsguard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code vsguard} launcher. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Secrets the environment hands us are known before any message can repeat one.
    for (String name :
        new String[] {
          "VSGUARD_VCENTER_PASSWORD",
          VcenterOptions.TRUST_STORE_PASSWORD_ENV,
          ServeCommand.KEYSTORE_PASSWORD_ENV
        }) {
      io.vsguard.core.text.Secrets.register(System.getenv(name));
    }
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = VsguardCommand.newCommandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
