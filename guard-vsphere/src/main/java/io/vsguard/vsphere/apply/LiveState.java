package io.vsguard.vsphere.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one step is planned from: the host and every distributed switch of the vCenter. */
public record LiveState(LiveHost host, List<LiveSwitch> switches) {
  public LiveState {
    switches = List.copyOf(switches);
  }

  public Optional<LiveSwitch> switchNamed(String name) {
    return switches.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Optional<LiveSwitch> switchWithUuid(String uuid) {
    return switches.stream().filter(s -> s.uuid().equals(uuid)).findFirst();
  }

  LiveState with(LiveHost h) {
    return new LiveState(h, switches);
  }

  /** The same state with the configVersion of {@code uuid}'s switch unknown (it was changed). */
  LiveState touched(String uuid) {
    List<LiveSwitch> out = new ArrayList<>();
    for (LiveSwitch s : switches) {
      out.add(s.uuid().equals(uuid) ? s.withConfigVersion(null) : s);
    }
    return new LiveState(host, out);
  }
}
