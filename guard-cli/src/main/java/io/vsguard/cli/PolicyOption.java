package io.vsguard.cli;

import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.policy.PolicyPack;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --policy DIR|FILE}; without it, the built-in pack shipped in the jar (policies/default).
 */
final class PolicyOption {
  static final String DEFAULT_RESOURCE = PolicyPack.BUILT_IN_RESOURCE;

  @Option(
      names = "--policy",
      paramLabel = "DIR|FILE",
      description =
          "Policy pack (a file or a directory of them). Default: the shipped policies/default.")
  Path policy;

  PolicyPack load() throws InputException {
    return policy != null ? PolicyLoader.load(policy) : PolicyPack.builtIn();
  }

  /** How an audit record names the pack's source. */
  String source() {
    return policy == null
        ? "built-in " + DEFAULT_RESOURCE
        : policy.toAbsolutePath().normalize().toString();
  }
}
