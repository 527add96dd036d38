package io.tributary.pnp.xml;

import java.util.Objects;

import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlLimits;
import io.tributary.pnp.message.Bye;
import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.message.DeviceId;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.Namespaces;
import io.tributary.pnp.message.PnpBody;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.WorkRequest;

/**
 * Reads PnP documents leniently with the core's hardened Woodstox parser: any namespace prefix, unknown elements
 * and attributes ignored, UDIs with {@code /} and an empty VID accepted. Limits default to
 * {@link #DEFAULT_LIMITS}. Thread-safe; the only exception it throws is {@link PnpParseException}.
 */
public final class PnpReader {

    /** XML limits for PnP documents: depth 24, 16 attributes per element, 20,000 elements, 1 MiB of text. */
    public static final XmlLimits DEFAULT_LIMITS = XmlLimits.defaults().maxDepth(24).maxAttributesPerElement(16)
            .maxElementCount(20_000).maxChildrenPerElement(10_000).maxTextLength(1 << 20).maxCharacters(1 << 20);

    private final HardenedXml xml;

    private PnpReader(HardenedXml xml) {
        this.xml = xml;
    }

    /** @return a reader with {@link #DEFAULT_LIMITS} */
    public static PnpReader create() {
        return new PnpReader(HardenedXml.create(DEFAULT_LIMITS));
    }

    /**
     * @param limits parser limits
     * @return a reader applying them
     */
    public static PnpReader create(XmlLimits limits) {
        return new PnpReader(HardenedXml.create(Objects.requireNonNull(limits, "limits")));
    }

    /**
     * Parses one document.
     *
     * @param document a size-capped document
     * @return the message
     * @throws PnpParseException when the document is not well-formed, refused, or not a PnP message
     */
    public PnpMessage read(byte[] document) {
        XmlElement root = XmlElement.parse(xml, document);
        if (!"pnp".equals(root.name) || !isPnpNamespace(root.namespace)) {
            throw invalid("root element is '" + root.name + "', not 'pnp' in " + Namespaces.PNP);
        }
        String udi = root.attr("udi");
        if (udi == null) {
            throw invalid("the pnp element has no udi attribute");
        }
        String version = root.attr("version");
        XmlElement body = root.children().isEmpty() ? null : root.children().get(0);
        if (body == null) {
            throw invalid("the pnp element has no body");
        }
        String usr = root.attr("usr");
        String pwd = root.attr("pwd");
        Credentials credentials = usr != null && pwd != null ? new Credentials(usr, pwd) : null;
        return new PnpMessage(version == null ? Namespaces.VERSION : version, udi, root.attr("sid"), credentials,
                body.attr("correlator"), body(body));
    }

    private static boolean isPnpNamespace(String namespace) {
        return namespace.isEmpty() || Namespaces.PNP.equals(namespace);
    }

    private static PnpBody body(XmlElement body) {
        switch (body.name) {
            case "info" -> {
                return info(body);
            }
            case "request" -> {
                Service service = Service.fromNamespace(body.namespace);
                if (service == null) {
                    throw invalid("request in unknown namespace '" + body.namespace + "'");
                }
                requireCorrelator(body);
                return RequestBodyReader.read(service, body);
            }
            case "response" -> {
                if (Namespaces.FAULT.equals(body.namespace)) {
                    return fault(body);
                }
                Service service = Service.fromNamespace(body.namespace);
                if (service == null) {
                    throw invalid("response in unknown namespace '" + body.namespace + "'");
                }
                requireCorrelator(body);
                return ResponseBodyReader.read(service, body);
            }
            default -> throw invalid("unknown body element '" + body.name + "'");
        }
    }

    private static PnpBody info(XmlElement info) {
        if (!Namespaces.WORK_INFO.equals(info.namespace)) {
            throw invalid("info in namespace '" + info.namespace + "', not " + Namespaces.WORK_INFO);
        }
        requireCorrelator(info);
        XmlElement deviceId = info.child("deviceId");
        if (deviceId != null) {
            String udi = deviceId.childText("udi");
            if (udi == null) {
                throw invalid("deviceId has no udi");
            }
            return new WorkRequest(new DeviceId(udi, Values.emptyToNull(deviceId.childText("hostname")),
                    Values.bool(deviceId.childText("authRequired"), false),
                    Values.bool(deviceId.childText("viaProxy"), false),
                    Values.emptyToNull(deviceId.childText("securityAdvise"))));
        }
        XmlElement workInfo = info.child("workInfo");
        if (workInfo != null && workInfo.child("bye") != null) {
            return new Bye(Values.emptyToNull(workInfo.childText("sid")));
        }
        throw invalid("info holds neither deviceId nor workInfo/bye");
    }

    private static Fault fault(XmlElement response) {
        XmlElement fault = response.child("fault");
        if (fault == null) {
            throw invalid("fault response without fault element");
        }
        String code = fault.childText("faultcode");
        String reason = fault.childText("faultstring");
        return new Fault(code == null ? Fault.CLIENT : code, reason == null ? "" : reason,
                Values.emptyToNull(fault.childText("detail")));
    }

    private static void requireCorrelator(XmlElement body) {
        String correlator = body.attr("correlator");
        if (correlator == null || correlator.isBlank()) {
            throw invalid(body.name + " has no correlator");
        }
    }

    static PnpParseException invalid(String message) {
        return new PnpParseException(PnpParseException.Reason.INVALID, message, null);
    }
}
