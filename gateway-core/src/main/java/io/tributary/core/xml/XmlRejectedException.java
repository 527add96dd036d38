package io.tributary.core.xml;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/** Thrown when a document uses a feature the hardened parser refuses outright, such as a DTD. */
public final class XmlRejectedException extends XMLStreamException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused and why
     * @param location where in the document
     */
    public XmlRejectedException(String message, Location location) {
        super(message, location);
    }
}
