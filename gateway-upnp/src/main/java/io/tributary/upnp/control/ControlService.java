package io.tributary.upnp.control;

import java.net.InetSocketAddress;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * What a service does when a control point invokes one of its actions (UDA 2.0 §3): the control handler has already
 * checked that the action exists in the service's SCPD and that the in arguments are exactly those it lists.
 */
public interface ControlService {

    /**
     * Carries out an action.
     *
     * @param action the action name, e.g. {@code SetValue}
     * @param arguments the in arguments by name
     * @param requester the control point's address
     * @return the out arguments by name, in SCPD order, or an {@link UpnpError}
     */
    Mono<Map<String, String>> invoke(String action, Map<String, String> arguments, InetSocketAddress requester);

    /**
     * Answers QueryStateVariable (UDA 1.0 §3.2.1, deprecated but still sent): the current value of an evented
     * variable.
     *
     * @param variable the variable name
     * @return its value, or {@link UpnpError#invalidVar(String)}; by default every variable is unknown
     */
    default Mono<String> query(String variable) {
        return Mono.error(UpnpError.invalidVar(variable));
    }
}
