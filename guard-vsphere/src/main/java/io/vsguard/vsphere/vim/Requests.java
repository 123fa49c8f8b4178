package io.vsguard.vsphere.vim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The request messages of the operations this client uses, element for element as in the WSDL. */
final class Requests {
  private Requests() {}

  @JacksonXmlRootElement(localName = "RetrieveServiceContent")
  record RetrieveServiceContent(@JsonProperty("_this") Mor self) {}

  @JacksonXmlRootElement(localName = "Login")
  @JsonPropertyOrder({"_this", "userName", "password"})
  record Login(@JsonProperty("_this") Mor self, String userName, String password) {
    @Override
    public String toString() {
      return "Login[" + userName + ", password=******]";
    }
  }

  @JacksonXmlRootElement(localName = "Logout")
  record Logout(@JsonProperty("_this") Mor self) {}

  @JacksonXmlRootElement(localName = "CreateContainerView")
  @JsonPropertyOrder({"_this", "container", "type", "recursive"})
  record CreateContainerView(@JsonProperty("_this") Mor self, Mor container, List<String> type, boolean recursive) {}

  @JacksonXmlRootElement(localName = "DestroyView")
  record DestroyView(@JsonProperty("_this") Mor self) {}

  @JacksonXmlRootElement(localName = "RetrievePropertiesEx")
  @JsonPropertyOrder({"_this", "specSet", "options"})
  record RetrievePropertiesEx(@JsonProperty("_this") Mor self, List<PropertyFilterSpec> specSet,
      PropertyFilterSpec.RetrieveOptions options) {}

  @JacksonXmlRootElement(localName = "ContinueRetrievePropertiesEx")
  @JsonPropertyOrder({"_this", "token"})
  record ContinueRetrievePropertiesEx(@JsonProperty("_this") Mor self, String token) {}
}
