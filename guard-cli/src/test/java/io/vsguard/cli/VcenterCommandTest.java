package io.vsguard.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --vcenter on check, stage and inventory export, against a WireMock vCenter replaying recorded
 * answers.
 */
class VcenterCommandTest {
  static final Path FIXTURES = Path.of("../guard-vsphere/src/test/resources/vim25");
  static final String PASSWORD = "Pa55-w0rd-never-printed";

  WireMockServer vc;
  @TempDir Path dir;
  Path creds;

  @BeforeEach
  void start() throws Exception {
    vc = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    vc.start();
    answer("RetrieveServiceContent", "retrieve-service-content.xml", 200);
    answer("Login", "login.xml", 200);
    answer("CreateContainerView", "create-container-view.xml", 200);
    answer("RetrievePropertiesEx", "retrieve-page1.xml", 200);
    answer("ContinueRetrievePropertiesEx", "continue-page2.xml", 200);
    answer("DestroyView", "destroy-view.xml", 200);
    answer("Logout", "logout.xml", 200);
    creds = dir.resolve("vc.credentials");
    Files.writeString(
        creds, "# read-only user\nuser=vsguard-ro@vsphere.local\npassword=" + PASSWORD + "\n");
    Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterEach
  void stop() {
    vc.stop();
  }

  void answer(String operation, String fixture, int status) {
    try {
      vc.stubFor(
          post(urlEqualTo("/sdk"))
              .withRequestBody(containing("<" + operation + " "))
              .willReturn(
                  aResponse()
                      .withStatus(status)
                      .withBody(Files.readAllBytes(FIXTURES.resolve(fixture)))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + vc.port() + "/sdk";
  }

  @Test
  void exactlyOneInventorySourceIsRequired() {
    Cli both =
        Cli.run(
            "check",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--inventory",
            CheckCommandTest.INCIDENT_INVENTORY,
            "--vcenter",
            url(),
            "--credentials",
            creds.toString());
    assertThat(both.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(both.err()).contains("exactly one of --inventory FILE or --vcenter URL");
    Cli neither = Cli.run("stage", "--plan", CheckCommandTest.INCIDENT_PLAN);
    assertThat(neither.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(neither.err()).contains("exactly one of --inventory FILE or --vcenter URL");
  }

  @Test
  void aCredentialsFileReadableByOthersIsRefusedByName() throws Exception {
    Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-r--r--"));
    Cli r = Cli.run("inventory", "export", "--vcenter", url(), "--credentials", creds.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains(creds.toString()).contains("chmod 600").doesNotContain(PASSWORD);
    vc.verify(
        0, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/sdk")));
  }

  @Test
  void missingCredentialsExit2() {
    assertThat(System.getenv("VSGUARD_VCENTER_USER"))
        .as("test precondition: no credentials in the environment")
        .isNull();
    Cli r = Cli.run("check", "--plan", CheckCommandTest.INCIDENT_PLAN, "--vcenter", url());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("VSGUARD_VCENTER_USER").contains("--credentials");
  }

  @Test
  void badThumbprintAndPlainHttpToARemoteHostExit2() {
    Cli thumb =
        Cli.run(
            "inventory",
            "export",
            "--vcenter",
            "vc01.example",
            "--thumbprint",
            "AB:CD",
            "--credentials",
            creds.toString());
    assertThat(thumb.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(thumb.err()).contains("--thumbprint").contains("64 hex digits");
    Cli http =
        Cli.run(
            "inventory",
            "export",
            "--vcenter",
            "http://vc01.example/sdk",
            "--credentials",
            creds.toString());
    assertThat(http.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(http.err()).contains("plain http");
  }

  @Test
  void exportWritesAnInventoryTheLoaderAccepts() throws Exception {
    Path out = dir.resolve("inv.json");
    Cli r =
        Cli.run(
            "inventory",
            "export",
            "--vcenter",
            url(),
            "--credentials",
            creds.toString(),
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.ALLOW);
    assertThat(r.err()).contains("wrote 2 hosts, 1 distributed switches");
    Inventory inv = InventoryLoader.load(out);
    assertThat(inv.source().url()).isEqualTo(url());
    assertThat(inv.source().tls()).isEqualTo("plaintext");
    assertThat(inv.distributedSwitches().get(0).usesLacp()).isTrue();
    assertThat(r.out() + r.err() + Files.readString(out)).doesNotContain(PASSWORD);
  }

  @Test
  void checkAgainstALiveVcenterDecides() throws Exception {
    Cli r =
        Cli.run(
            "check",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--vcenter",
            url(),
            "--credentials",
            creds.toString(),
            "--output",
            "json");
    JsonNode d = Json.json().readTree(r.out());
    assertThat(d.get("verdict").asText()).isEqualTo("BLOCK");
    assertThat(r.exit()).isEqualTo(ExitCodes.BLOCK);
    assertThat(d.get("inventory").get("source").asText()).isEqualTo(url());
    assertThat(d.get("inventory").get("tls").asText()).isEqualTo("plaintext");
    assertThat(d.get("inventory").get("sha256").asText()).hasSize(64);
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
  }

  @Test
  void everyCaptureFailureIsAnErrorDecisionNeverAllow() throws Exception {
    String[][] failures = {
      {"ContinueRetrievePropertiesEx", "fault-not-authenticated.xml", "500"},
      {"Login", "fault-invalid-login.xml", "500"},
      {"RetrievePropertiesEx", "fault-no-permission.xml", "500"},
    };
    for (String[] f : failures) {
      vc.resetAll();
      start();
      answer(f[0], f[1], Integer.parseInt(f[2]));
      Cli r =
          Cli.run(
              "check",
              "--plan",
              "../examples/safe/plan.yaml",
              "--vcenter",
              url(),
              "--credentials",
              creds.toString(),
              "--output",
              "json");
      assertThat(r.exit()).as(f[1]).isEqualTo(ExitCodes.ERROR);
      JsonNode d = Json.json().readTree(r.out());
      assertThat(d.get("verdict").asText()).isEqualTo("ERROR");
      assertThat(d.get("error").get("message").asText())
          .contains("cannot capture the inventory from " + url());
      assertThat(r.err().lines().count()).isEqualTo(1);
      assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }
    vc.resetAll();
    start();
    vc.stubFor(
        post(urlEqualTo("/sdk"))
            .withRequestBody(containing("<RetrievePropertiesEx "))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    Cli reset =
        Cli.run(
            "stage",
            "--plan",
            CheckCommandTest.INCIDENT_PLAN,
            "--vcenter",
            url(),
            "--credentials",
            creds.toString());
    assertThat(reset.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(reset.err()).contains("connection to vCenter lost");
  }

  @Test
  void insecureWarnsAndIsRecorded() {
    Cli r =
        Cli.run(
            "inventory",
            "export",
            "--vcenter",
            url(),
            "--credentials",
            creds.toString(),
            "--insecure");
    assertThat(r.exit()).isEqualTo(ExitCodes.ALLOW);
    assertThat(r.err()).contains("WARNING: --insecure");
  }
}
