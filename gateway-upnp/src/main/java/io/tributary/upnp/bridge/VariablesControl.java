package io.tributary.upnp.bridge;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.upnp.control.ControlService;
import io.tributary.upnp.control.UpnpError;
import reactor.core.publisher.Mono;

/**
 * The control side of a configured service: it has no actions, and QueryStateVariable answers a variable's
 * retained value (empty when its topic has none, as in the initial event).
 */
public final class VariablesControl implements ControlService {

    private final Router router;
    private final List<TopicVariable> variables;

    /**
     * @param router the gateway's router
     * @param variables the service's variables
     */
    public VariablesControl(Router router, List<TopicVariable> variables) {
        this.router = router;
        this.variables = List.copyOf(variables);
    }

    @Override
    public Mono<Map<String, String>> invoke(String action, Map<String, String> arguments,
                                            InetSocketAddress requester) {
        return Mono.error(UpnpError.invalidAction(action));
    }

    @Override
    public Mono<String> query(String variable) {
        for (TopicVariable candidate : variables) {
            if (candidate.name().equals(variable)) {
                Message retained = router.retainedValue(candidate.topic());
                return Mono.just(retained == null ? "" : retained.payloadUtf8());
            }
        }
        return Mono.error(UpnpError.invalidVar(variable));
    }
}
