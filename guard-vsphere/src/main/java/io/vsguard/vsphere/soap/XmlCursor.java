package io.vsguard.vsphere.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * Reads one response element by element as its bytes arrive, so decoders build their typed values
 * directly instead of a tree of the whole document: a page of 1,000 objects is some 10 MB of XML of
 * which the inventory keeps a few per cent.
 *
 * <p>The cursor always stands on a start tag, the <em>current element</em>. {@link #nextChild()}
 * moves to its next child; every child it returns must be consumed with {@link #text()}, {@link
 * #skip()}, {@link #tree()} or a decoder's own loop, which leave the cursor on that child's end
 * tag. DTDs and entity references are refused (a response is data, never a reason to open a file or
 * a URL) and nesting is bounded, so a hostile document can exhaust neither the stack nor the heap
 * through depth.
 *
 * <p>Failures of the document are {@link MalformedResponseException}s naming {@code what} (e.g.
 * "response to RetrievePropertiesEx"); a failure of the stream underneath (a connection lost
 * mid-body, a read timeout) passes through as the {@link UncheckedIOException} wrapping it, for the
 * transport to classify.
 */
public final class XmlCursor {
  static final int MAX_DEPTH = 200;
  private static final QName XSI_TYPE = new QName(XmlNode.XSI, "type");

  private final XMLStreamReader2 r;
  private final Source in;
  private final String what;
  private int depth;

  private XmlCursor(XMLStreamReader2 r, Source in, String what) {
    this.r = r;
    this.in = in;
    this.what = what;
  }

  /** Opens {@code body} and moves to its root element. */
  public static XmlCursor open(InputStream body, String what) throws MalformedResponseException {
    Source in = new Source(body);
    XMLStreamReader2 r;
    try {
      r = (XMLStreamReader2) XmlReader.FACTORY.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw new XmlCursor(null, in, what).failure(e);
    }
    XmlCursor x = new XmlCursor(r, in, what);
    x.root();
    return x;
  }

  private void root() throws MalformedResponseException {
    try {
      while (true) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.START_ELEMENT -> {
            depth = 1;
            return;
          }
          case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> throw refused();
          case XMLStreamConstants.END_DOCUMENT -> throw malformed("no root element");
          default -> {
            // prolog: comments, processing instructions, white space
          }
        }
      }
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  public String localName() {
    return r.getLocalName();
  }

  public String namespace() {
    String ns = r.getNamespaceURI();
    return ns == null ? "" : ns;
  }

  /**
   * An unqualified attribute of the current element, such as a ManagedObjectReference's {@code
   * type}.
   */
  public String attribute(String local) {
    return r.getAttributeValue("", local);
  }

  /**
   * The local part of the current element's {@code xsi:type} ("VMwareDVSConfigInfo"), or null;
   * found by namespace, whatever prefix the server bound to it.
   */
  public String xsiType() {
    String t = r.getAttributeValue(XSI_TYPE.getNamespaceURI(), XSI_TYPE.getLocalPart());
    if (t == null) {
      return null;
    }
    int colon = t.indexOf(':');
    return colon < 0 ? t : t.substring(colon + 1);
  }

  /**
   * Moves to the next child element of the current one and returns true, or, at the current
   * element's end tag, stays there and returns false. Text between child elements is ignored: vim25
   * has no mixed content.
   */
  public boolean nextChild() throws MalformedResponseException {
    try {
      while (true) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.START_ELEMENT -> {
            if (++depth > MAX_DEPTH) {
              throw malformed("nested deeper than " + MAX_DEPTH + " elements");
            }
            return true;
          }
          case XMLStreamConstants.END_ELEMENT -> {
            depth--;
            return false;
          }
          case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD -> throw refused();
          case XMLStreamConstants.END_DOCUMENT ->
              throw malformed("the document ends before it is complete");
          default -> {
            // white space between elements, comments
          }
        }
      }
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  /**
   * The text content of the current element (empty for {@code <x/>}); the cursor ends on its end
   * tag.
   */
  public String text() throws MalformedResponseException {
    String first = null;
    StringBuilder more = null;
    try {
      while (true) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.CHARACTERS,
              XMLStreamConstants.CDATA,
              XMLStreamConstants.SPACE -> {
            if (first == null) {
              first = r.getText();
            } else {
              if (more == null) {
                more = new StringBuilder(first);
              }
              more.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            depth--;
            return more != null ? more.toString() : first == null ? "" : first;
          }
          case XMLStreamConstants.START_ELEMENT ->
              throw malformed("<" + r.getLocalName() + "> inside a value that should be text");
          case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD -> throw refused();
          case XMLStreamConstants.END_DOCUMENT ->
              throw malformed("the document ends before it is complete");
          default -> {
            // comments, processing instructions
          }
        }
      }
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  /** Skips the current element and everything in it; the cursor ends on its end tag. */
  public void skip() throws MalformedResponseException {
    try {
      r.skipElement();
      depth--;
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  /** The current element and everything in it as a tree, for small payloads and faults. */
  public XmlNode tree() throws MalformedResponseException {
    QName name = new QName(namespace(), localName());
    Map<QName, String> attrs = new HashMap<>();
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String ns = r.getAttributeNamespace(i);
      attrs.put(
          new QName(ns == null ? "" : ns, r.getAttributeLocalName(i)), r.getAttributeValue(i));
    }
    List<XmlNode> children = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    try {
      while (true) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.START_ELEMENT -> {
            if (++depth > MAX_DEPTH) {
              throw malformed("nested deeper than " + MAX_DEPTH + " elements");
            }
            children.add(tree());
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          case XMLStreamConstants.END_ELEMENT -> {
            depth--;
            // Mixed content does not occur in vim25: an element has either children or text.
            return new XmlNode(name, attrs, children.isEmpty() ? text.toString() : "", children);
          }
          case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD -> throw refused();
          case XMLStreamConstants.END_DOCUMENT ->
              throw malformed("the document ends before it is complete");
          default -> {
            // comments, processing instructions
          }
        }
      }
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  /** Reads the rest of the document, so that a body cut after the payload still fails. */
  public void finish() throws MalformedResponseException {
    try {
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.DTD) {
          throw refused();
        }
      }
      r.closeCompletely();
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  /** A value the decoder cannot use, e.g. a reference without a type, with the element it is in. */
  public MalformedResponseException invalid(String problem) {
    return new MalformedResponseException("malformed " + what + ": " + problem);
  }

  private MalformedResponseException refused() {
    return malformed("a DTD or entity reference, which vim25 never sends");
  }

  private MalformedResponseException malformed(String problem) {
    return new MalformedResponseException("malformed " + what + ": " + problem);
  }

  private MalformedResponseException failure(XMLStreamException e) {
    IOException io = in.failure();
    if (io != null) {
      throw new UncheckedIOException(io);
    }
    boolean eof =
        e.getClass().getSimpleName().contains("EOF")
            || String.valueOf(e.getMessage()).contains("end of input")
            || String.valueOf(e.getMessage()).contains("EOF");
    Location at = e.getLocation();
    String where =
        at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
    return malformed(
        eof ? "the document ends before it is complete" + where : "not well-formed XML" + where);
  }

  /** The body as the parser reads it, remembering a failure of the stream itself. */
  private static final class Source extends InputStream {
    private final InputStream inner;
    private IOException failure;

    Source(InputStream inner) {
      this.inner = inner;
    }

    IOException failure() {
      return failure;
    }

    @Override
    public int read() throws IOException {
      try {
        return inner.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return inner.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() {
      // the transport owns the body
    }
  }
}
