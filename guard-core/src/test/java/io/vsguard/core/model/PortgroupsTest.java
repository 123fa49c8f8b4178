package io.vsguard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortgroupsTest {
  static Portgroup pg(String name, Integer vlan, boolean uplink) {
    return new Portgroup(name, "key-" + name, vlan, uplink, null, null);
  }

  static DistributedSwitch sw(List<Portgroup> pgs) {
    return new DistributedSwitch(
        "dvs-1", "u", "DVS", "dc", "7.0.0", null, List.of("uplink1"), null, List.of(), pgs);
  }

  @Test
  void aPortgroupIsFoundByNameAndTheFirstOfTwoEqualNamesWins() {
    Portgroup first = pg("pg-web", 110, false);
    DistributedSwitch d = sw(List.of(pg("uplinks", null, true), first, pg("pg-web", 999, false)));
    assertThat(d.portgroup("pg-web")).containsSame(first);
    assertThat(d.portgroup("pg-none")).isEmpty();
  }

  @Test
  void portgroupsOnAVlanLeaveOutTheUplinkPortgroupAndKeepDocumentOrder() {
    DistributedSwitch d =
        sw(
            List.of(
                pg("uplinks", 10, true),
                pg("b", 10, false),
                pg("a", 10, false),
                pg("c", 20, false),
                pg("trunk", null, false)));
    assertThat(d.portgroupsOnVlan(10)).extracting(Portgroup::name).containsExactly("b", "a");
    assertThat(d.portgroupsOnVlan(30)).isEmpty();
  }

  @Test
  void theIndexedListIsTheDocumentsListImmutableAndEqualToIt() {
    List<Portgroup> source = new ArrayList<>(List.of(pg("a", 1, false), pg("b", 2, false)));
    DistributedSwitch d = sw(source);
    source.clear();
    assertThat(d.portgroups()).containsExactly(pg("a", 1, false), pg("b", 2, false));
    assertThat(d).isEqualTo(sw(List.of(pg("a", 1, false), pg("b", 2, false))));
    assertThatThrownBy(() -> d.portgroups().add(pg("c", 3, false)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
