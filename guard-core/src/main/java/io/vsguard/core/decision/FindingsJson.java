package io.vsguard.core.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.text.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a decision's findings are written: as any list, or, when the writer was given their JSON
 * already ({@link #writer}), as that text. A blocked check of a large site has tens of thousands of
 * findings (tens of MB); the command line writes them on its second core while the stager is still
 * at work, and its audit record takes them as written. The text is the same either way: {@link
 * Precomputed#of} writes the list with the same mapper.
 */
public final class FindingsJson extends StdSerializer<List<Finding>> {
  private static final long serialVersionUID = 1L;

  /** The writer attribute that carries a {@link Precomputed}. */
  private static final Object ATTRIBUTE = FindingsJson.class;

  private static final JavaType LIST =
      Json.json().getTypeFactory().constructCollectionType(List.class, Finding.class);

  /** These findings (this very list) written as compact JSON by {@link Json#json()}. */
  public static final class Precomputed {
    private final List<Finding> findings;
    private final RawUtf8 json;

    private Precomputed(List<Finding> findings, byte[] utf8) {
      this.findings = findings;
      this.json = new RawUtf8(utf8);
    }

    /** Writes {@code findings} now, as UTF-8. */
    public static Precomputed of(List<Finding> findings) {
      try {
        return new Precomputed(findings, Json.json().writerFor(LIST).writeValueAsBytes(findings));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("findings always serialise: " + e.getOriginalMessage(), e);
      }
    }

    /** Tests: a list paired with a text of their choosing, to see which one is written. */
    static Precomputed ofText(List<Finding> findings, String json) {
      return new Precomputed(findings, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether these are the findings of {@code d} (the same list, not an equal one). */
    @SuppressWarnings("ReferenceEquality")
    public boolean of(Decision d) {
      return d.findings() == findings;
    }
  }

  public FindingsJson() {
    super(LIST);
  }

  /** The compact writer, writing {@code findings}'s list as its text when it meets it. */
  public static ObjectWriter writer(Precomputed findings) {
    ObjectWriter w = Json.json().writer();
    return findings == null ? w : w.withAttribute(ATTRIBUTE, findings);
  }

  /**
   * JSON text held as its UTF-8 bytes: a byte generator copies them as they are, a character one (a
   * record that must be scrubbed of a secret) gets them decoded.
   */
  private static final class RawUtf8 implements SerializableString {
    private final byte[] utf8;
    private String text;

    RawUtf8(byte[] utf8) {
      this.utf8 = utf8;
    }

    @Override
    public synchronized String getValue() {
      if (text == null) {
        text = new String(utf8, StandardCharsets.UTF_8);
      }
      return text;
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return utf8.clone();
    }

    @Override
    public byte[] asQuotedUTF8() {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
      if (utf8.length > buffer.length - offset) {
        return -1;
      }
      System.arraycopy(utf8, 0, buffer, offset, utf8.length);
      return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      String t = getValue();
      if (t.length() > buffer.length - offset) {
        return -1;
      }
      t.getChars(0, t.length(), buffer, offset);
      return t.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(utf8);
      return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
      if (utf8.length > buffer.remaining()) {
        return -1;
      }
      buffer.put(utf8);
      return utf8.length;
    }
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // the very list that was written ahead
  public void serialize(List<Finding> value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    if (provider.getAttribute(ATTRIBUTE) instanceof Precomputed p && p.findings == value) {
      gen.writeRawValue(p.json);
      return;
    }
    provider.findValueSerializer(LIST).serialize(value, gen, provider);
  }
}
