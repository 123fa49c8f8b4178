package io.vsguard.vsphere.soap;

/**
 * Decodes an operation's response element (e.g. {@code <RetrievePropertiesExResponse>}) from a
 * cursor standing on its start tag, consuming it through its end tag.
 */
@FunctionalInterface
public interface PayloadReader<T> {
  T read(XmlCursor response) throws MalformedResponseException;
}
