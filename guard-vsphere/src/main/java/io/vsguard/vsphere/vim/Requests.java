package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.SoapMessage;
import io.vsguard.vsphere.soap.XmlWriter;
import java.util.List;

/** The request messages of the operations this client uses, element for element as in the WSDL. */
final class Requests {
  private Requests() {}

  record RetrieveServiceContent(Mor self) implements SoapMessage {
    @Override
    public String element() {
      return "RetrieveServiceContent";
    }

    @Override
    public void writeContent(XmlWriter w) {
      self.write(w, "_this");
    }
  }

  record Login(Mor self, String userName, String password) implements SoapMessage {
    @Override
    public String element() {
      return "Login";
    }

    @Override
    public void writeContent(XmlWriter w) {
      self.write(w, "_this");
      w.element("userName", userName).element("password", password);
    }

    @Override
    public String toString() {
      return "Login[" + userName + ", password=******]";
    }
  }

  record Logout(Mor self) implements SoapMessage {
    @Override
    public String element() {
      return "Logout";
    }

    @Override
    public void writeContent(XmlWriter w) {
      self.write(w, "_this");
    }
  }

  record CreateContainerView(Mor self, Mor container, List<String> type, boolean recursive)
      implements SoapMessage {
    CreateContainerView {
      type = List.copyOf(type);
    }

    @Override
    public String element() {
      return "CreateContainerView";
    }

    @Override
    public void writeContent(XmlWriter w) {
      self.write(w, "_this");
      container.write(w, "container");
      type.forEach(t -> w.element("type", t));
      w.element("recursive", Boolean.toString(recursive));
    }
  }

  record DestroyView(Mor self) implements SoapMessage {
    @Override
    public String element() {
      return "DestroyView";
    }

    @Override
    public void writeContent(XmlWriter w) {
      self.write(w, "_this");
    }
  }

  record RetrievePropertiesEx(
      Mor self, List<PropertyFilterSpec> specSet, PropertyFilterSpec.RetrieveOptions options)
      implements SoapMessage {
    RetrievePropertiesEx {
      specSet = List.copyOf(specSet);
    }

    @Override
    public String element() {
      return "RetrievePropertiesEx";
    }

    @Override
    public void writeContent(XmlWriter w) {
      self.write(w, "_this");
      specSet.forEach(s -> s.write(w, "specSet"));
      options.write(w, "options");
    }
  }

  record ContinueRetrievePropertiesEx(Mor self, String token) implements SoapMessage {
    @Override
    public String element() {
      return "ContinueRetrievePropertiesEx";
    }

    @Override
    public void writeContent(XmlWriter w) {
      self.write(w, "_this");
      w.element("token", token);
    }
  }
}
