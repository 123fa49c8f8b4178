package io.vsguard.vsphere.vim;

import java.util.List;

/** One page of RetrievePropertiesEx; {@code token} is null on the last page. */
public record RetrieveResult(String token, List<ObjectContent> objects) {
  public RetrieveResult {
    objects = List.copyOf(objects);
  }
}
