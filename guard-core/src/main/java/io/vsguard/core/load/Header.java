package io.vsguard.core.load;

import io.vsguard.core.model.Inventory;

/** The apiVersion/kind pair every vsguard document starts with. */
final class Header {
  private Header() {}

  static void check(Node root, String kind) throws InputException {
    Node api = root.required("apiVersion");
    if (!Inventory.API_VERSION.equals(api.text())) {
      throw api.error(
          "unsupported apiVersion '" + api.text() + "'; expected " + Inventory.API_VERSION);
    }
    Node k = root.required("kind");
    if (!kind.equals(k.text())) {
      throw k.error("kind '" + k.text() + "' given where a " + kind + " document was expected");
    }
  }
}
