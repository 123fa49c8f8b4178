package io.vsguard.core.text;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The writers for vsguard documents; reading goes through the loaders, which locate every error.
 *
 * <p>Every JSON document vsguard writes (decisions, audit records, API answers) spells the
 * characters {@link SafeText} finds unsafe, and every surrogate, as <code>&#92;u</code> escapes:
 * the same values once parsed, but a document printed to a terminal or opened in a pager cannot act
 * on it. {@link #yamlText} does the same for YAML.
 */
public final class Json {
  private Json() {}

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              new com.fasterxml.jackson.core.JsonFactoryBuilder()
                  .characterEscapes(new TerminalSafeEscapes())
                  .build())
          .addModule(new JavaTimeModule())
          .annotationIntrospector(new SealedSubtypes())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .build();

  private static YAMLFactoryBuilder yamlFactory() {
    return YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS);
  }

  private static ObjectMapper yamlMapper(YAMLFactory factory) {
    return YAMLMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .annotationIntrospector(new SealedSubtypes())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  private static final ObjectMapper YAML = yamlMapper(yamlFactory().build());
  private static final ObjectMapper YAML_ASCII = yamlMapper(new AsciiYamlFactory(yamlFactory()));

  /**
   * JSON mapper: nulls are written (the decision's {@code "wave": null} is part of the contract).
   */
  public static ObjectMapper json() {
    return JSON;
  }

  public static ObjectMapper yaml() {
    return YAML;
  }

  /**
   * {@code value} as YAML text. SnakeYAML writes bidi overrides and other format characters raw
   * even in quoted strings; a document that would hold one is written instead with every non-ASCII
   * character escaped in double quotes (the same values once parsed).
   */
  public static String yamlText(Object value) {
    try {
      String text = YAML.writeValueAsString(value);
      return SafeText.needsEscape(text) ? YAML_ASCII.writeValueAsString(value) : text;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static String pretty(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * A sealed type written with a type id (a step's {@code op}, a change's {@code action}) has its
   * permitted records as subtypes, each named by its own {@link JsonTypeName}: there is no second
   * list of names to keep in step with the records (the audit log reads suggested rollouts back).
   */
  private static final class SealedSubtypes extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public List<NamedType> findSubtypes(Annotated a) {
      List<NamedType> listed = super.findSubtypes(a);
      if (listed != null
          || !(a instanceof AnnotatedClass)
          || !a.getRawType().isSealed()
          || !a.hasAnnotation(JsonTypeInfo.class)) {
        return listed;
      }
      return Arrays.stream(a.getRawType().getPermittedSubclasses()).map(NamedType::new).toList();
    }
  }

  /**
   * JSON's own escapes, plus DEL, the C1 controls, the other {@link SafeText#unsafe} characters and
   * surrogates.
   */
  private static final class TerminalSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    TerminalSafeEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (SafeText.unsafe(ch) || Character.isSurrogate((char) ch)) {
        StringBuilder b = new StringBuilder(6);
        SafeText.spell(b, (char) ch);
        return new SerializedString(b.toString());
      }
      return null;
    }
  }

  /** YAML whose emitter escapes every non-ASCII character (SnakeYAML's allowUnicode off). */
  private static final class AsciiYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    AsciiYamlFactory(YAMLFactoryBuilder b) {
      super(b);
    }

    @Override
    protected YAMLGenerator _createGenerator(Writer out, IOContext ctxt) throws IOException {
      return new YAMLGenerator(
          ctxt,
          _generatorFeatures,
          _yamlGeneratorFeatures,
          _quotingChecker,
          _objectCodec,
          out,
          _version) {
        @Override
        protected DumperOptions buildDumperOptions(
            int jsonFeatures, int yamlFeatures, DumperOptions.Version version) {
          DumperOptions o = super.buildDumperOptions(jsonFeatures, yamlFeatures, version);
          o.setAllowUnicode(false);
          return o;
        }
      };
    }
  }
}
