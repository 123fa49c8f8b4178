package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsguard.core.load.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What serve refuses before it listens: bad files, exposure without TLS, secrets on the command
 * line.
 */
class ServeCommandTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  Path tokens(String text, String mode) throws Exception {
    Path f = dir.resolve("tokens");
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  void helpNamesTheOptions() {
    Cli r = Cli.run("serve", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains(
            "--tokens",
            "--port",
            "--bind",
            "--keystore",
            "--max-body",
            "--insecure-http",
            "--audit-log",
            "--policy",
            "VSGUARD_KEYSTORE_PASSWORD");
  }

  @Test
  void aDeadlineLongerThanAServerCanAffordIsRefused() throws Exception {
    Path f = tokens("ci:" + TOKEN + "\n", "rw-------");
    Cli r = Cli.run("serve", "--tokens", f.toString(), "--deadline", "301");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains(
            "vsguard serve: --deadline takes a number of seconds above 0 and at most 300, not 301",
            "a request holds a server thread");
    r = Cli.run("serve", "--tokens", f.toString(), "--deadline", "0");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("--deadline takes a number of seconds above 0");
  }

  @Test
  void theTokensFileIsRequired() {
    Cli r = Cli.run("serve");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("--tokens");
  }

  @Test
  void aTokensFileOthersCanReadIsRefused() throws Exception {
    Path f = tokens("ci:" + TOKEN + "\n", "rw-r--r--");
    Cli r = Cli.run("serve", "--tokens", f.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains(f.toString(), "chmod 600").doesNotContain(TOKEN);
  }

  @Test
  void badTokenLinesAreNamedByLineWithoutTheToken() throws Exception {
    Cli r =
        Cli.run(
            "serve",
            "--tokens",
            tokens("# ok\nci:" + TOKEN + "\nweak:secret1\n", "rw-------").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("tokens:3:", "'weak'", "at least 16").doesNotContain("secret1");

    r =
        Cli.run(
            "serve",
            "--tokens",
            tokens("ci:" + TOKEN + "\nci2:" + TOKEN + "\n", "rw-------").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("tokens:2:", "also another name's token").doesNotContain(TOKEN);

    r = Cli.run("serve", "--tokens", tokens("just-a-token-without-name\n", "rw-------").toString());
    assertThat(r.err()).contains("tokens:1: expected name:token");
  }

  @Test
  void plainHttpOffLoopbackNeedsInsecureHttp() throws Exception {
    Cli r =
        Cli.run(
            "serve",
            "--tokens",
            tokens("ci:" + TOKEN + "\n", "rw-------").toString(),
            "--bind",
            "10.20.30.40");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains("10.20.30.40 is not a loopback address", "--keystore", "--insecure-http");
  }

  @Test
  void theKeystorePasswordComesFromTheEnvironmentOnly() throws Exception {
    Path ks = dir.resolve("server.p12");
    Files.write(ks, new byte[] {1, 2, 3});
    Cli r =
        Cli.run(
            new picocli.CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> cls) throws Exception {
                K k = picocli.CommandLine.defaultFactory().create(cls);
                if (k instanceof ServeCommand s) {
                  s.environment = name -> null;
                }
                return k;
              }
            },
            "serve",
            "--tokens",
            tokens("ci:" + TOKEN + "\n", "rw-------").toString(),
            "--keystore",
            ks.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("VSGUARD_KEYSTORE_PASSWORD");
    assertThatThrownBy(() -> ServeCommand.loadKeyStore(ks, "pw".toCharArray()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("cannot open the PKCS12 keystore");
  }

  @Test
  void bodySizesReadLikeHumansWriteThem() throws Exception {
    assertThat(ServeCommand.parseSize("10MiB")).isEqualTo(10L * 1024 * 1024);
    assertThat(ServeCommand.parseSize("512k")).isEqualTo(512L * 1024);
    assertThat(ServeCommand.parseSize("65536")).isEqualTo(65536);
    assertThatThrownBy(() -> ServeCommand.parseSize("10XB")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> ServeCommand.parseSize("12"))
        .hasMessageContaining("between 1KiB and 1GiB");
    Cli r =
        Cli.run(
            "serve",
            "--tokens",
            tokens("ci:" + TOKEN + "\n", "rw-------").toString(),
            "--max-body",
            "lots");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("--max-body");
  }
}
