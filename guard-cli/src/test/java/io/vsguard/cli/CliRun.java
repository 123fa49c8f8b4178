package io.vsguard.cli;

/** {@link Cli} for tests in other packages (the server's tests compare with the command line). */
public record CliRun(int exit, String out, String err) {
  public static CliRun run(String... args) {
    Cli c = Cli.run(args);
    return new CliRun(c.exit(), c.out(), c.err());
  }
}
