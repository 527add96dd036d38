package io.tributary.upnp.control;

import java.util.Map;
import java.util.Objects;

/**
 * One action request as read from a SOAP body (UDA 2.0 §3.1.1).
 *
 * @param namespace the action element's namespace: the service type, or {@value SoapReader#CONTROL_NAMESPACE} for
 *                  QueryStateVariable
 * @param action the action name, the action element's local name
 * @param arguments the arguments by their element's local name, in document order
 */
public record SoapRequest(String namespace, String action, Map<String, String> arguments) {

    /**
     * Checks the parts.
     *
     * @param namespace the namespace
     * @param action the action
     * @param arguments the arguments
     */
    public SoapRequest {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(arguments, "arguments");
    }
}
