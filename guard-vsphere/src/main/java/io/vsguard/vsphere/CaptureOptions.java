package io.vsguard.vsphere;

import io.vsguard.vsphere.collect.PropertyCollector;
import java.time.Clock;

/**
 * {@code pageSize} is RetrievePropertiesEx's maxObjects; {@code vcenterVm} names the vCenter
 * appliance's VM when it cannot be found otherwise (null: find it by instance UUID or URL host).
 */
public record CaptureOptions(int pageSize, String vcenterVm, Clock clock) {
  public static final CaptureOptions DEFAULTS =
      new CaptureOptions(PropertyCollector.DEFAULT_PAGE, null, Clock.systemUTC());

  public CaptureOptions {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be 1 or more");
    }
  }

  public CaptureOptions withVcenterVm(String vm) {
    return new CaptureOptions(pageSize, vm, clock);
  }

  public CaptureOptions withPageSize(int size) {
    return new CaptureOptions(size, vcenterVm, clock);
  }

  public CaptureOptions withClock(Clock c) {
    return new CaptureOptions(pageSize, vcenterVm, c);
  }
}
