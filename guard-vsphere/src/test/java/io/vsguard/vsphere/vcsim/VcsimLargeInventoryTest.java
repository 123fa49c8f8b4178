package io.vsguard.vsphere.vcsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** A 1,000-host vCenter comes up in reasonable time and pages its hosts to the last one. */
class VcsimLargeInventoryTest {

  private static final int HOSTS = 1_000;

  @Test
  void thousandHostsStartAndPage(@TempDir Path dir) throws Exception {
    Path inventory = LargeInventory.write(dir.resolve("large-inventory.json"), HOSTS);

    try (Vcsim vcsim =
        Vcsim.start(
            inventory, Vcsim.Options.defaults().withStartupTimeout(Duration.ofMinutes(5)))) {
      System.out.printf(
          "vcsim: %d hosts ready in %d ms%n", vcsim.hosts(), vcsim.startup().toMillis());
      assertThat(vcsim.hosts()).isEqualTo(HOSTS);
      // Generous: about 5 s on a 2-core CI machine; a minute means something broke.
      assertThat(vcsim.startup()).isLessThan(Duration.ofMinutes(1));

      RawSoap soap = new RawSoap(vcsim);
      RawSoap.Answer content = soap.call(RawSoap.retrieveServiceContent());
      String collector = content.text("propertyCollector");
      assertThat(soap.call(RawSoap.login("administrator@vsphere.local", "secret")).status())
          .isEqualTo(200);
      String view =
          soap.call(RawSoap.createContainerView(content.text("rootFolder"), "HostSystem"))
              .text("returnval");

      long begin = System.nanoTime();
      RawSoap.Answer page =
          soap.call(
              RawSoap.retrieveThroughView(
                  collector,
                  view,
                  "HostSystem",
                  List.of("name", "config.network.proxySwitch"),
                  250));
      Set<String> names = new TreeSet<>();
      int pages = 0;
      while (true) {
        pages++;
        assertThat(page.status()).isEqualTo(200);
        List<Element> objects = page.all("objects");
        assertThat(objects.size()).isLessThanOrEqualTo(100); // --page-size 100 caps maxObjects 250
        objects.forEach(
            o -> names.add(VcsimHarnessTest.properties(o).get("name").getTextContent()));
        String token = page.text("token");
        if (token == null) {
          break;
        }
        page = soap.call(RawSoap.continueRetrieve(collector, token));
      }
      System.out.printf(
          "vcsim: paged %d hosts in %d pages in %d ms%n",
          names.size(), pages, Duration.ofNanos(System.nanoTime() - begin).toMillis());
      assertThat(pages).isEqualTo(HOSTS / 100);
      assertThat(names)
          .hasSize(HOSTS)
          .contains(LargeInventory.hostName(1), LargeInventory.hostName(HOSTS));
    }
  }
}
