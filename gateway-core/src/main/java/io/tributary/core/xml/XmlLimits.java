package io.tributary.core.xml;

/**
 * Immutable parser limits; every method returns a changed copy. Defaults: depth 32, 64 attributes per element,
 * attribute values up to 8,192 characters, 10,000 children per element, 100,000 elements, text nodes up to
 * 1,048,576 characters and 4,194,304 characters in total.
 */
public final class XmlLimits {

    private static final XmlLimits DEFAULTS = new XmlLimits(32, 64, 8_192, 10_000, 100_000, 1 << 20, 1 << 22);

    private final int maxDepth;
    private final int maxAttributesPerElement;
    private final int maxAttributeSize;
    private final int maxChildrenPerElement;
    private final long maxElementCount;
    private final int maxTextLength;
    private final long maxCharacters;

    private XmlLimits(int maxDepth, int maxAttributesPerElement, int maxAttributeSize, int maxChildrenPerElement,
                      long maxElementCount, int maxTextLength, long maxCharacters) {
        this.maxDepth = maxDepth;
        this.maxAttributesPerElement = maxAttributesPerElement;
        this.maxAttributeSize = maxAttributeSize;
        this.maxChildrenPerElement = maxChildrenPerElement;
        this.maxElementCount = maxElementCount;
        this.maxTextLength = maxTextLength;
        this.maxCharacters = maxCharacters;
    }

    /** @return the defaults */
    public static XmlLimits defaults() {
        return DEFAULTS;
    }

    /**
     * @param elements maximum element nesting depth; default 32
     * @return a new limits reference
     */
    public XmlLimits maxDepth(int elements) {
        return new XmlLimits(positive(elements), maxAttributesPerElement, maxAttributeSize, maxChildrenPerElement,
                maxElementCount, maxTextLength, maxCharacters);
    }

    /**
     * @param count maximum attributes on one element; default 64
     * @return a new limits reference
     */
    public XmlLimits maxAttributesPerElement(int count) {
        return new XmlLimits(maxDepth, positive(count), maxAttributeSize, maxChildrenPerElement, maxElementCount,
                maxTextLength, maxCharacters);
    }

    /**
     * @param characters maximum length of one attribute value; default 8,192
     * @return a new limits reference
     */
    public XmlLimits maxAttributeSize(int characters) {
        return new XmlLimits(maxDepth, maxAttributesPerElement, positive(characters), maxChildrenPerElement,
                maxElementCount, maxTextLength, maxCharacters);
    }

    /**
     * @param count maximum child elements of one element; default 10,000
     * @return a new limits reference
     */
    public XmlLimits maxChildrenPerElement(int count) {
        return new XmlLimits(maxDepth, maxAttributesPerElement, maxAttributeSize, positive(count), maxElementCount,
                maxTextLength, maxCharacters);
    }

    /**
     * @param count maximum elements in one document; default 100,000
     * @return a new limits reference
     */
    public XmlLimits maxElementCount(long count) {
        return new XmlLimits(maxDepth, maxAttributesPerElement, maxAttributeSize, maxChildrenPerElement,
                positive(count), maxTextLength, maxCharacters);
    }

    /**
     * @param characters maximum length of one text node; default 1,048,576
     * @return a new limits reference
     */
    public XmlLimits maxTextLength(int characters) {
        return new XmlLimits(maxDepth, maxAttributesPerElement, maxAttributeSize, maxChildrenPerElement,
                maxElementCount, positive(characters), maxCharacters);
    }

    /**
     * @param characters maximum characters in one document; default 4,194,304
     * @return a new limits reference
     */
    public XmlLimits maxCharacters(long characters) {
        return new XmlLimits(maxDepth, maxAttributesPerElement, maxAttributeSize, maxChildrenPerElement,
                maxElementCount, maxTextLength, positive(characters));
    }

    private static int positive(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("XML limits must be at least 1, was " + value);
        }
        return value;
    }

    private static long positive(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("XML limits must be at least 1, was " + value);
        }
        return value;
    }

    /** @return maximum nesting depth */
    public int maxDepth() {
        return maxDepth;
    }

    /** @return maximum attributes per element */
    public int maxAttributesPerElement() {
        return maxAttributesPerElement;
    }

    /** @return maximum attribute value length, in characters */
    public int maxAttributeSize() {
        return maxAttributeSize;
    }

    /** @return maximum children per element */
    public int maxChildrenPerElement() {
        return maxChildrenPerElement;
    }

    /** @return maximum elements per document */
    public long maxElementCount() {
        return maxElementCount;
    }

    /** @return maximum text node length, in characters */
    public int maxTextLength() {
        return maxTextLength;
    }

    /** @return maximum characters per document */
    public long maxCharacters() {
        return maxCharacters;
    }
}
