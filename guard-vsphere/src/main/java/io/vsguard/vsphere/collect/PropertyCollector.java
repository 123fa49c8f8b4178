package io.vsguard.vsphere.collect;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.NoPermissionException;
import io.vsguard.vsphere.soap.NotAuthenticatedException;
import io.vsguard.vsphere.soap.VimFaultException;
import io.vsguard.vsphere.vim.Mor;
import io.vsguard.vsphere.vim.ObjectContent;
import io.vsguard.vsphere.vim.PropertyFilterSpec;
import io.vsguard.vsphere.vim.PropertyValue;
import io.vsguard.vsphere.vim.RetrieveResult;
import io.vsguard.vsphere.vim.ValueReader;
import io.vsguard.vsphere.vim.VimPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Reads properties page by page (RetrievePropertiesEx, then ContinueRetrievePropertiesEx while a
 * token comes back). A property vCenter reports as missing is a failure, not a gap: an inventory
 * with holes could let a dangerous change through.
 */
public final class PropertyCollector {
  /**
   * Objects per page (maxObjects). Pages are decoded as they stream in, so the client's memory does
   * not grow with them; fewer round trips made the capture faster against the simulator
   * (capture-bench.sh, 2,000 hosts: 250, 500, 1,000, 2,000 objects per page gave 0.69, 0.62, 0.54,
   * 0.44 of govmomi's time), and 1,000 still keeps each call's work on vCenter moderate.
   */
  public static final int DEFAULT_PAGE = 1_000;

  private final VimPort port;
  private final Mor collector;

  public PropertyCollector(VimPort port, Mor collector) {
    this.port = port;
    this.collector = collector;
  }

  /**
   * All matching objects; the same object appearing on two pages has its properties merged. {@code
   * progress} gets the running object count after each page.
   */
  public List<ObjectContent> retrieveAll(
      PropertyFilterSpec spec, int maxObjects, ValueReader values, IntConsumer progress)
      throws VsphereException {
    if (maxObjects < 1) {
      throw new IllegalArgumentException("maxObjects must be 1 or more");
    }
    Map<Mor, ObjectContent> all = new LinkedHashMap<>();
    RetrieveResult page =
        port.retrievePropertiesEx(
            collector, List.of(spec), new PropertyFilterSpec.RetrieveOptions(maxObjects), values);
    Set<String> tokens = new HashSet<>();
    while (true) {
      for (ObjectContent o : page.objects()) {
        checkMissing(o);
        all.merge(o.obj(), o, PropertyCollector::merge);
      }
      progress.accept(all.size());
      if (page.token() == null) {
        return new ArrayList<>(all.values());
      }
      if (!tokens.add(page.token())) {
        throw new MalformedResponseException(
            "vCenter repeated paging token "
                + page.token()
                + " of RetrievePropertiesEx; the result would never end");
      }
      page = port.continueRetrievePropertiesEx(collector, page.token(), values);
    }
  }

  private static ObjectContent merge(ObjectContent a, ObjectContent b) {
    Map<String, PropertyValue> props = new LinkedHashMap<>(a.properties());
    props.putAll(b.properties());
    List<ObjectContent.MissingProperty> missing = new ArrayList<>(a.missing());
    missing.addAll(b.missing());
    return new ObjectContent(a.obj(), props, missing);
  }

  private static void checkMissing(ObjectContent o) throws VimFaultException {
    for (ObjectContent.MissingProperty m : o.missing()) {
      String type = m.faultType() == null ? "an unknown fault" : m.faultType();
      switch (type) {
        case "NotAuthenticated" -> throw new NotAuthenticatedException(null);
        case "NoPermission" ->
            throw new NoPermissionException(
                null, m.privilegeId(), o.obj() + " (property " + m.path() + ")");
        default ->
            throw new VimFaultException(
                m.faultType(),
                null,
                "vCenter could not read property " + m.path() + " of " + o.obj() + ": " + type);
      }
    }
  }
}
