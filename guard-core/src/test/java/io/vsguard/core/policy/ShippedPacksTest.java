package io.vsguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.check.PolicyTestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pack under policies/ loads and passes its own test cases, as `vsguard policy test` runs
 * them.
 */
class ShippedPacksTest {
  static Stream<Path> packs() throws IOException {
    Path root = Path.of("../policies");
    try (Stream<Path> s = Files.walk(root, 2)) {
      List<Path> dirs = s.filter(d -> Files.isDirectory(d.resolve("tests"))).sorted().toList();
      assertThat(dirs)
          .extracting(d -> d.getFileName().toString())
          .contains("default", "production", "lab");
      return dirs.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("packs")
  void packValidatesAndItsTestsPass(Path dir) throws Exception {
    PolicyPack pack = PolicyLoader.load(dir);
    List<PolicyTestRunner.Result> results =
        PolicyTestRunner.run(dir, pack, java.time.Duration.ofSeconds(60));
    assertThat(results).isNotEmpty();
    assertThat(results).allSatisfy(r -> assertThat(r.problems()).as(r.file()).isEmpty());
  }
}
