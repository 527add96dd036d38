package io.tributary.pnp.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlRejectedException;

/**
 * A small read-only element tree built from a size-capped document with the hardened parser. PnP documents are a
 * few kilobytes, so a tree costs little and makes lenient reading simple: elements are found by local name
 * whatever their prefix, and unknown ones are never looked at.
 */
final class XmlElement {

    private static final List<XmlElement> NONE = List.of();

    final String namespace;
    final String name;
    private Map<String, String> attributes = Map.of();
    private List<XmlElement> children = NONE;
    private StringBuilder text;

    private XmlElement(String namespace, String name) {
        this.namespace = namespace == null ? "" : namespace;
        this.name = name;
    }

    /**
     * Parses a whole document into a tree.
     *
     * @param xml the hardened factories
     * @param document the size-capped document
     * @return the root element
     * @throws PnpParseException {@code REFUSED} for DTDs, {@code MALFORMED} for anything the parser rejects
     */
    static XmlElement parse(HardenedXml xml, byte[] document) {
        XMLStreamReader reader = null;
        try {
            reader = xml.reader(document);
            return build(reader);
        } catch (XmlRejectedException e) {
            throw new PnpParseException(PnpParseException.Reason.REFUSED, e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new PnpParseException(PnpParseException.Reason.MALFORMED, "not well-formed XML: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Woodstox reports some encoding and limit problems as unchecked exceptions; they are still bad input.
            throw new PnpParseException(PnpParseException.Reason.MALFORMED, "not well-formed XML: " + e, e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release for an in-memory document
                }
            }
        }
    }

    private static XmlElement build(XMLStreamReader reader) throws XMLStreamException {
        List<XmlElement> stack = new ArrayList<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    XmlElement element = new XmlElement(reader.getNamespaceURI(), reader.getLocalName());
                    int count = reader.getAttributeCount();
                    if (count > 0) {
                        element.attributes = new HashMap<>(count * 2);
                        for (int i = 0; i < count; i++) {
                            element.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                    }
                    if (stack.isEmpty()) {
                        root = element;
                    } else {
                        stack.get(stack.size() - 1).add(element);
                    }
                    stack.add(element);
                }
                case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.get(stack.size() - 1).appendText(reader.getText());
                    }
                }
                default -> {
                    // comments and processing instructions carry nothing for PnP
                }
            }
        }
        if (root == null) {
            throw new XMLStreamException("document has no root element");
        }
        return root;
    }

    private void add(XmlElement child) {
        if (children == NONE) {
            children = new ArrayList<>(4);
        }
        children.add(child);
    }

    private void appendText(String more) {
        if (text == null) {
            text = new StringBuilder(more.length());
        }
        text.append(more);
    }

    /** @return the element's own text exactly as sent, empty when none */
    String rawText() {
        return text == null ? "" : text.toString();
    }

    /** @return the element's own text without surrounding blanks */
    String text() {
        return rawText().trim();
    }

    /**
     * @param attribute a local attribute name
     * @return its value, or {@code null}
     */
    String attr(String attribute) {
        return attributes.get(attribute);
    }

    /** @return the child elements in document order */
    List<XmlElement> children() {
        return children;
    }

    /**
     * @param local a local element name
     * @return the first child with that name, or {@code null}
     */
    XmlElement child(String local) {
        for (XmlElement child : children) {
            if (child.name.equals(local)) {
                return child;
            }
        }
        return null;
    }

    /**
     * @param local a local element name
     * @return all children with that name, in document order
     */
    List<XmlElement> all(String local) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name.equals(local)) {
                found.add(child);
            }
        }
        return found;
    }

    /**
     * @param local a local element name
     * @return the trimmed text of the first child with that name, or {@code null} when there is none
     */
    String childText(String local) {
        XmlElement child = child(local);
        return child == null ? null : child.text();
    }

    /**
     * @param path local names from this element down
     * @return the element at the end of the path, or {@code null}
     */
    XmlElement path(String... path) {
        XmlElement current = this;
        for (String step : path) {
            current = current.child(step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
