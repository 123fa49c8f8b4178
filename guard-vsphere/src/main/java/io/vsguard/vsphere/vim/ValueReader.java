package io.vsguard.vsphere.vim;

import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.XmlCursor;

/**
 * Decodes one property's {@code <val>} by the object's type and the property path: the query that
 * asked for the property knows its vim25 type. Returns null for a property it did not ask for,
 * after skipping it.
 */
@FunctionalInterface
public interface ValueReader {
  PropertyValue read(Mor obj, String path, XmlCursor val) throws MalformedResponseException;
}
