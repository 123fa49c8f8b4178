package io.vsguard.cli;

import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.policy.PolicyPack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --policy DIR|FILE}; without it, the default pack shipped in the jar (policies/default). */
final class PolicyOption {
  static final String DEFAULT_RESOURCE = "/io/vsguard/policies/default/pack.yaml";

  @Option(names = "--policy", paramLabel = "DIR|FILE",
      description = "Policy pack (a file or a directory of them). Default: the shipped policies/default.")
  Path policy;

  PolicyPack load() throws InputException {
    if (policy != null) {
      return PolicyLoader.load(policy);
    }
    return defaultPack();
  }

  static PolicyPack defaultPack() throws InputException {
    try (InputStream in = PolicyOption.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the default policy pack is missing from the jar; rebuild vsguard");
      }
      return PolicyLoader.read("default", List.of(new PolicyLoader.Source("policies/default/pack.yaml", in.readAllBytes())));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default policy pack from the jar", e);
    }
  }
}
