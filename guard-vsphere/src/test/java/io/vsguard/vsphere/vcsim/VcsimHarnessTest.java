package io.vsguard.vsphere.vcsim;

import static io.vsguard.vsphere.vcsim.RawSoap.childText;
import static io.vsguard.vsphere.vcsim.RawSoap.children;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The test vCenter built from the shipped incident example answers like vCenter: service content,
 * login, paged property retrieval, the LACP switch's configuration, and the NotAuthenticated fault
 * for a call without a session. Checked with hand-written SOAP.
 */
class VcsimHarnessTest {

  private static Vcsim vcsim;
  private static JsonNode fixture;

  @BeforeAll
  static void start() throws Exception {
    Path inventory = Vcsim.repositoryRoot().resolve("examples/incident/inventory.json");
    fixture = new ObjectMapper().readTree(inventory.toFile());
    vcsim = Vcsim.start(inventory);
    System.out.printf(
        "vcsim: incident example (%d hosts) ready in %d ms%n",
        vcsim.hosts(), vcsim.startup().toMillis());
  }

  @AfterAll
  static void stop() {
    if (vcsim != null) {
      vcsim.close();
    }
  }

  /** A logged-in raw SOAP session and the service content's references. */
  private record Session(RawSoap soap, String rootFolder, String collector) {
    static Session open() throws Exception {
      RawSoap soap = new RawSoap(vcsim);
      RawSoap.Answer content = soap.call(RawSoap.retrieveServiceContent());
      RawSoap.Answer login = soap.call(RawSoap.login("administrator@vsphere.local", "secret"));
      assertThat(login.status()).isEqualTo(200);
      return new Session(soap, content.text("rootFolder"), content.text("propertyCollector"));
    }

    String view(String type) throws Exception {
      RawSoap.Answer answer = soap.call(RawSoap.createContainerView(rootFolder, type));
      assertThat(answer.status()).isEqualTo(200);
      return answer.text("returnval");
    }

    /** All objects of a paged retrieval, and how many pages it took. */
    Paged retrieveAll(String type, List<String> paths, int maxObjects) throws Exception {
      RawSoap.Answer answer =
          soap.call(RawSoap.retrieveThroughView(collector, view(type), type, paths, maxObjects));
      assertThat(answer.status()).isEqualTo(200);
      List<List<Element>> pages = new ArrayList<>();
      pages.add(answer.all("objects"));
      String token = answer.text("token");
      while (token != null) {
        answer = soap.call(RawSoap.continueRetrieve(collector, token));
        assertThat(answer.status()).isEqualTo(200);
        pages.add(answer.all("objects"));
        token = answer.text("token");
      }
      return new Paged(pages);
    }
  }

  record Paged(List<List<Element>> pages) {
    List<Element> objects() {
      return pages.stream().flatMap(List::stream).toList();
    }
  }

  static Map<String, Element> properties(Element objectContent) {
    Map<String, Element> props = new TreeMap<>();
    for (Element propSet : children(objectContent, "propSet")) {
      props.put(childText(propSet, "name"), children(propSet, "val").get(0));
    }
    return props;
  }

  @Test
  void serviceContentNamesTheFixturesVCenter() throws Exception {
    RawSoap.Answer answer = new RawSoap(vcsim).call(RawSoap.retrieveServiceContent());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text("apiType")).isEqualTo("VirtualCenter");
    assertThat(answer.text("apiVersion")).isEqualTo(fixture.at("/source/apiVersion").asText());
    assertThat(answer.text("instanceUuid")).isEqualTo(fixture.at("/source/instanceUuid").asText());
    assertThat(answer.text("propertyCollector")).isNotBlank();
    assertThat(answer.text("viewManager")).isNotBlank();
    assertThat(vcsim.url().toString()).startsWith("https://127.0.0.1:").endsWith("/sdk");
    assertThat(vcsim.thumbprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
  }

  @Test
  void loginOpensASession() throws Exception {
    RawSoap soap = new RawSoap(vcsim);
    RawSoap.Answer answer = soap.call(RawSoap.login("administrator@vsphere.local", "secret"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text("userName")).isEqualTo("administrator@vsphere.local");
    assertThat(answer.text("key")).isNotBlank();
  }

  @Test
  void retrievalWithoutASessionIsANotAuthenticatedFault() throws Exception {
    RawSoap soap = new RawSoap(vcsim);
    RawSoap.Answer content = soap.call(RawSoap.retrieveServiceContent());

    RawSoap.Answer answer =
        soap.call(
            RawSoap.retrieveThroughView(
                content.text("propertyCollector"),
                "does-not-matter",
                "HostSystem",
                List.of("name"),
                0));

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.text("faultcode")).isEqualTo("ServerFaultCode");
    assertThat(answer.faultType()).isEqualTo("NotAuthenticated");
    assertThat(answer.all("objects")).isEmpty();
  }

  @Test
  void hostsArePagedWithATokenAndContinueDeliversTheRest() throws Exception {
    Session session = Session.open();

    Paged paged = session.retrieveAll("HostSystem", List.of("name"), 5);

    assertThat(paged.pages()).extracting(List::size).containsExactly(5, 5, 2);
    List<String> names =
        paged.objects().stream()
            .map(o -> properties(o).get("name").getTextContent())
            .sorted()
            .toList();
    List<String> expected = new ArrayList<>();
    fixture.get("hosts").forEach(h -> expected.add(h.get("name").asText()));
    assertThat(names).containsExactlyElementsOf(expected.stream().sorted().toList());
  }

  @Test
  void aCancelledTokenCannotBeContinued() throws Exception {
    Session session = Session.open();
    RawSoap.Answer first =
        session
            .soap()
            .call(
                RawSoap.retrieveThroughView(
                    session.collector(),
                    session.view("HostSystem"),
                    "HostSystem",
                    List.of("name"),
                    5));
    String token = first.text("token");
    assertThat(token).isNotBlank();

    RawSoap.Answer cancel = session.soap().call(RawSoap.cancelRetrieve(session.collector(), token));
    RawSoap.Answer after =
        session.soap().call(RawSoap.continueRetrieve(session.collector(), token));

    assertThat(cancel.status()).isEqualTo(200);
    assertThat(after.status()).isEqualTo(500);
    assertThat(after.faultType()).isEqualTo("InvalidArgument");
  }

  @Test
  void theLacpSwitchHasItsLagAndMultipleLagApi() throws Exception {
    Session session = Session.open();

    List<Element> switches =
        session.retrieveAll("DistributedVirtualSwitch", List.of("name", "config"), 0).objects();

    assertThat(switches).hasSize(fixture.get("distributedSwitches").size());
    Element lacpSwitch =
        switches.stream()
            .filter(o -> properties(o).get("name").getTextContent().equals("DVS-LACP-Prod"))
            .findFirst()
            .orElseThrow();
    assertThat(children(lacpSwitch, "obj").get(0).getAttribute("type"))
        .isEqualTo("VmwareDistributedVirtualSwitch");
    Element config = properties(lacpSwitch).get("config");
    assertThat(config.getAttributeNS(RawSoap.XSI, "type")).isEqualTo("VMwareDVSConfigInfo");
    assertThat(childText(config, "lacpApiVersion")).isEqualTo("multipleLag");
    List<Element> lags = children(config, "lacpGroupConfig");
    assertThat(lags).hasSize(1);
    assertThat(childText(lags.get(0), "name")).isEqualTo("lag1");
    assertThat(childText(lags.get(0), "mode")).isEqualTo("active");
    assertThat(childText(lags.get(0), "uplinkNum")).isEqualTo("2");
    assertThat(children(lags.get(0), "uplinkName"))
        .extracting(Element::getTextContent)
        .containsExactly("lag1-0", "lag1-1");
    assertThat(children(config, "host")).hasSize(12);
    assertThat(childText(config, "uuid"))
        .isEqualTo("50 2a 7c 91 3e 4f 0b 12-8d 61 c4 77 a0 5e 29 3b");
  }

  @Test
  void hostsCarryTheirVmsAndTheApplianceRunsOnItsHost() throws Exception {
    Session session = Session.open();

    List<Element> hosts = session.retrieveAll("HostSystem", List.of("name", "vm"), 0).objects();
    List<Element> vms =
        session.retrieveAll("VirtualMachine", List.of("name", "runtime.host"), 0).objects();

    Map<String, Integer> vmCount = new TreeMap<>();
    Map<String, String> hostIds = new TreeMap<>();
    for (Element host : hosts) {
      Map<String, Element> props = properties(host);
      String name = props.get("name").getTextContent();
      hostIds.put(children(host, "obj").get(0).getTextContent(), name);
      Element vm = props.get("vm");
      vmCount.put(name, vm == null ? 0 : children(vm, "ManagedObjectReference").size());
    }
    Map<String, Integer> expected = new TreeMap<>();
    fixture
        .get("hosts")
        .forEach(h -> expected.put(h.get("name").asText(), h.get("vmCount").asInt()));
    assertThat(vmCount).isEqualTo(expected);
    Element appliance =
        vms.stream()
            .filter(o -> properties(o).get("name").getTextContent().equals("vcsa01"))
            .findFirst()
            .orElseThrow();
    assertThat(hostIds.get(properties(appliance).get("runtime.host").getTextContent()))
        .isEqualTo("esx-par-07");
  }
}
