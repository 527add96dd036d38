package io.tributary.upnp.control;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.tributary.upnp.event.XmlNames;

/**
 * Writes action responses and UPnP faults (UDA 2.0 §3.2.1, §3.2.2) exactly as UDA shows them: an {@code s:Envelope}
 * with {@code s:encodingStyle}, a {@code u:ActionResponse} in the service type's namespace holding the out
 * arguments unqualified, or an {@code s:Fault} with {@code faultcode} {@code s:Client}, {@code faultstring}
 * {@code UPnPError} and {@code detail/UPnPError} with {@code errorCode} and {@code errorDescription}. The envelope
 * is fixed text, so it is written directly (names come from the SCPD, text is escaped and made XML-safe) rather than
 * through a stream writer per response. Thread-safe.
 */
public final class SoapWriter {

    private static final String START = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<s:Envelope xmlns:s=\""
            + SoapReader.ENVELOPE_NAMESPACE + "\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
            + "<s:Body>";
    private static final String END = "</s:Body></s:Envelope>";

    /**
     * @param namespace the action's namespace (the service type, or the control namespace for QueryStateVariable)
     * @param action the action name; the response element is its name plus {@code Response}
     * @param arguments the out arguments in SCPD order
     * @return the response body
     */
    public byte[] response(String namespace, String action, Map<String, String> arguments) {
        StringBuilder xml = new StringBuilder(256).append(START).append("<u:").append(action)
                .append("Response xmlns:u=\"");
        escape(xml, namespace, true).append("\">");
        for (Map.Entry<String, String> argument : arguments.entrySet()) {
            xml.append('<').append(argument.getKey()).append('>');
            escape(xml, argument.getValue(), false).append("</").append(argument.getKey()).append('>');
        }
        xml.append("</u:").append(action).append("Response>").append(END);
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param error the error
     * @return the fault body
     */
    public byte[] fault(UpnpError error) {
        StringBuilder xml = new StringBuilder(512).append(START)
                .append("<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>")
                .append("<UPnPError xmlns=\"").append(SoapReader.CONTROL_NAMESPACE).append("\"><errorCode>")
                .append(error.code()).append("</errorCode><errorDescription>");
        escape(xml, error.description(), false).append("</errorDescription></UPnPError></detail></s:Fault>")
                .append(END);
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends text escaped for XML content (or an attribute value), characters XML cannot carry as U+FFFD. */
    private static StringBuilder escape(StringBuilder out, String text, boolean attribute) {
        String safe = XmlNames.xmlSafeText(text);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
        return out;
    }
}
