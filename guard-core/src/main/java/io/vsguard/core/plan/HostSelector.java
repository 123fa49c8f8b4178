package io.vsguard.core.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vsguard.core.model.Lists;
import java.io.IOException;
import java.util.List;

/**
 * Which hosts a change applies to: names, a cluster, a datacenter, or every member of the switch.
 */
@JsonSerialize(using = HostSelector.Writer.class)
public sealed interface HostSelector {

  record Named(List<String> hosts) implements HostSelector {
    public Named {
      hosts = Lists.copy(hosts);
    }
  }

  record InCluster(String cluster) implements HostSelector {}

  record InDatacenter(String datacenter) implements HostSelector {}

  record AllMembers() implements HostSelector {}

  /** Writes the selector back in the plan's own shapes. */
  final class Writer extends JsonSerializer<HostSelector> {
    @Override
    public void serialize(HostSelector value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      if (value instanceof Named n) {
        gen.writeStartArray();
        for (String h : n.hosts()) {
          gen.writeString(h);
        }
        gen.writeEndArray();
        return;
      }
      gen.writeStartObject();
      if (value instanceof InCluster c) {
        gen.writeStringField("cluster", c.cluster());
      } else if (value instanceof InDatacenter d) {
        gen.writeStringField("datacenter", d.datacenter());
      } else {
        gen.writeBooleanField("all", true);
      }
      gen.writeEndObject();
    }
  }
}
