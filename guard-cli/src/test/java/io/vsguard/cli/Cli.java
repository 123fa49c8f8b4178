package io.vsguard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a vsguard command in-process and captures its exit code and output. */
record Cli(int exit, String out, String err) {
  static Cli run(String... args) {
    return run(picocli.CommandLine.defaultFactory(), args);
  }

  static Cli run(picocli.CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        VsguardCommand.newCommandLine(
                new PrintWriter(out, true), new PrintWriter(err, true), factory)
            .execute(args);
    return new Cli(code, out.toString(), err.toString());
  }
}
