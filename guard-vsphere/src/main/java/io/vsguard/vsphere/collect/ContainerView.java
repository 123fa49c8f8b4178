package io.vsguard.vsphere.collect;

import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.vim.Mor;
import io.vsguard.vsphere.vim.PropertyFilterSpec;
import io.vsguard.vsphere.vim.VimPort;
import java.util.List;

/**
 * A server-side view of every object of some types under a container. One view plus one traversal
 * spec reaches the whole inventory, instead of a traversal spec per folder kind. Destroyed on
 * close: views live as long as the session otherwise.
 */
public final class ContainerView implements AutoCloseable {
  private final VimPort port;
  private final Mor view;

  private ContainerView(VimPort port, Mor view) {
    this.port = port;
    this.view = view;
  }

  public static ContainerView create(
      VimPort port, Mor viewManager, Mor container, List<String> types, boolean recursive)
      throws VsphereException {
    return new ContainerView(
        port, port.createContainerView(viewManager, container, types, recursive));
  }

  public Mor ref() {
    return view;
  }

  /** Every object in the view, not the view itself. */
  public PropertyFilterSpec.ObjectSpec objectSpec() {
    return new PropertyFilterSpec.ObjectSpec(
        view,
        true,
        List.of(
            new PropertyFilterSpec.TraversalSpec("traverseView", "ContainerView", "view", false)));
  }

  @Override
  public void close() throws VsphereException {
    port.destroyView(view);
  }
}
