package io.vsguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, smaller ones: a password written into --vcenter https://user:PW@… was echoed in the
 * error message, and a vCenter whose login fault repeats the password got it into stdout, stderr
 * and the audit log. Every known secret is scrubbed from every message before it is printed or
 * recorded.
 */
class SecretEchoTest {
  static final String PASSWORD = "Echo-Me-If-You-Dare-7731";

  WireMockServer vc;
  @TempDir Path dir;
  Path creds;

  @BeforeEach
  void start() throws Exception {
    vc = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    vc.start();
    Path fixtures = VcenterCommandTest.FIXTURES;
    vc.stubFor(
        post(urlEqualTo("/sdk"))
            .withRequestBody(containing("<RetrieveServiceContent "))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        Files.readAllBytes(fixtures.resolve("retrieve-service-content.xml")))));
    // A vCenter (or a proxy in front of it) whose untyped fault repeats what it was sent: the
    // fault string is all the message has to say, so it is shown.
    String fault =
        Files.readString(fixtures.resolve("fault-invalid-login.xml"))
            .replace(
                "Cannot complete login due to an incorrect user name or password.",
                "Cannot complete login for vsguard-ro@vsphere.local with password "
                    + PASSWORD
                    + ".")
            .replaceFirst("<detail>.*</detail>", "");
    vc.stubFor(
        post(urlEqualTo("/sdk"))
            .withRequestBody(containing("<Login "))
            .willReturn(aResponse().withStatus(500).withBody(fault)));
    creds = dir.resolve("vc.credentials");
    Files.writeString(creds, "user=vsguard-ro@vsphere.local\npassword=" + PASSWORD + "\n");
    Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterEach
  void stop() {
    vc.stop();
  }

  @Test
  void aLoginFaultThatEchoesThePasswordReachesNoOutputAndNoRecord() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    for (String output : new String[] {"text", "json"}) {
      Cli r =
          Cli.run(
              "check",
              "--plan",
              "../examples/safe/plan.yaml",
              "--vcenter",
              "http://127.0.0.1:" + vc.port() + "/sdk",
              "--credentials",
              creds.toString(),
              "--output",
              output,
              "--audit-log",
              log.toString());
      assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
      assertThat(r.out() + r.err()).contains("Cannot complete login").doesNotContain(PASSWORD);
    }
    assertThat(Files.readString(log)).contains("Cannot complete login").doesNotContain(PASSWORD);
    Cli show = Cli.run("audit", "show", "", "--audit-log", log.toString());
    assertThat(show.out() + show.err()).doesNotContain(PASSWORD);
  }

  @Test
  void aPasswordInTheVcenterUrlIsNotEchoed() {
    String secret = "Url-Pa55word-" + System.nanoTime();
    Cli r =
        Cli.run(
            "check",
            "--plan",
            "../examples/safe/plan.yaml",
            "--vcenter",
            "https://administrator:" + secret + "@vc01.example/sdk",
            "--audit-log",
            dir.resolve("a.jsonl").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("carries credentials").doesNotContain(secret);
    Cli bad =
        Cli.run(
            "inventory",
            "export",
            "--vcenter",
            "ftp://administrator:" + secret + "@vc01.example/sdk");
    assertThat(bad.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(bad.err()).doesNotContain(secret);
  }
}
