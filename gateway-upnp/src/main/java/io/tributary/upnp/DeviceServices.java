package io.tributary.upnp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tributary.core.Router;
import io.tributary.core.config.Settings;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.bridge.RetainedTopicsSource;
import io.tributary.upnp.bridge.TopicVariable;
import io.tributary.upnp.bridge.TopicVariablesSource;
import io.tributary.upnp.bridge.TopicsControl;
import io.tributary.upnp.bridge.TopicsScpd;
import io.tributary.upnp.bridge.VariablesControl;
import io.tributary.upnp.control.ControlEndpoint;
import io.tributary.upnp.description.DeviceConfig;
import io.tributary.upnp.description.DeviceDocuments;
import io.tributary.upnp.description.Scpd;
import io.tributary.upnp.description.ServiceDescription;
import io.tributary.upnp.publisher.EventedService;
import reactor.core.publisher.Mono;

/**
 * The services of the gateway's root device, assembled once from the {@code upnp} settings: for the topics service
 * and each configured service its evented definition (GENA), its {@code service} element and SCPD (description)
 * and its control endpoint (SOAP). The topics service's SCPD follows the retained topics.
 */
final class DeviceServices {

    final List<EventedService> evented = new ArrayList<>();
    final List<ServiceDescription> descriptions = new ArrayList<>();
    final Map<String, ServiceDescription> byEventPath = new HashMap<>();
    final Map<String, ControlEndpoint> control = new LinkedHashMap<>();
    private final Map<String, Scpd> scpds = new LinkedHashMap<>();
    private final TopicsScpd topics;
    private final String topicsScpdPath;

    DeviceServices(Settings upnp, Router router, SchedulingClock clock) {
        int queueCapacity = upnp.get(UpnpConfig.QUEUE_CAPACITY);
        Settings topicsSettings = upnp.get(UpnpConfig.TOPICS_SERVICE);
        if (topicsSettings.get(UpnpConfig.TOPICS_ENABLED)) {
            String path = topicsSettings.get(UpnpConfig.TOPICS_PATH_SETTING);
            Duration delay = topicsSettings.get(UpnpConfig.TOPICS_SCPD_DELAY);
            topics = new TopicsScpd(router, topicsSettings.get(UpnpConfig.TOPICS_FILTER),
                    topicsSettings.get(UpnpConfig.TOPICS_WRITABLE), clock, delay.toNanos());
            topicsScpdPath = UpnpConfig.scpdPath(path);
            evented.add(EventedService.create(path, new RetainedTopicsSource(router,
                    topicsSettings.get(UpnpConfig.TOPICS_FILTER), queueCapacity)));
            add(path, TopicsScpd.SERVICE_TYPE, TopicsScpd.SERVICE_ID, null, new ControlEndpoint(
                    TopicsScpd.SERVICE_TYPE, topics.actions(), new TopicsControl(router,
                    topicsSettings.get(UpnpConfig.TOPICS_FILTER))));
        } else {
            topics = null;
            topicsScpdPath = null;
        }
        for (Settings service : upnp.get(UpnpConfig.SERVICES)) {
            String path = service.get(UpnpConfig.SERVICE_PATH);
            List<Settings> variableSettings = service.get(UpnpConfig.SERVICE_VARIABLES);
            List<TopicVariable> variables = variableSettings.stream().map(UpnpConfig::variable).toList();
            List<Scpd.StateVariable> table = new ArrayList<>();
            EventedService definition = EventedService.create(path, new TopicVariablesSource(router, variables,
                    queueCapacity));
            for (int i = 0; i < variables.size(); i++) {
                TopicVariable variable = variables.get(i);
                boolean multicast = variableSettings.get(i).get(UpnpConfig.VARIABLE_MULTICAST);
                table.add(new Scpd.StateVariable(variable.name(),
                        variableSettings.get(i).get(UpnpConfig.VARIABLE_DATA_TYPE), true, multicast));
                definition = definition.moderate(variable.name(), variable.moderation());
                if (multicast) {
                    definition = definition.multicast(variable.name());
                }
            }
            evented.add(definition);
            String type = UpnpConfig.serviceType(service);
            add(path, type, UpnpConfig.serviceId(service), new Scpd(List.of(), table),
                    new ControlEndpoint(type, List.of(), new VariablesControl(router, variables)));
        }
    }

    private void add(String eventPath, String type, String id, Scpd scpd, ControlEndpoint endpoint) {
        ServiceDescription description = new ServiceDescription(type, id, UpnpConfig.scpdPath(eventPath),
                UpnpConfig.controlPath(eventPath), eventPath);
        descriptions.add(description);
        byEventPath.put(eventPath, description);
        control.put(description.controlUrl(), endpoint);
        if (scpd != null) {
            scpds.put(description.scpdUrl(), scpd);
        }
    }

    /**
     * Renders the description documents; the topics service's SCPD then follows the retained topics until
     * {@link #stop()}.
     *
     * @param device values of {@link DeviceConfig#SECTION}
     * @param udn the UDN in use
     * @return the documents
     */
    Mono<DeviceDocuments> documents(Settings device, String udn) {
        Mono<Map<String, Scpd>> all = topics == null ? Mono.just(scpds) : topics.current().map(current -> {
            Map<String, Scpd> with = new LinkedHashMap<>();
            with.put(topicsScpdPath, current);
            with.putAll(scpds);
            return with;
        });
        return all.map(scpdsByPath -> {
            DeviceDocuments documents = new DeviceDocuments(DeviceConfig.description(device, udn, descriptions),
                    scpdsByPath);
            if (topics != null) {
                topics.start(scpd -> documents.scpd(topicsScpdPath, scpd));
            }
            return documents;
        });
    }

    /** Stops following the retained topics. */
    void stop() {
        if (topics != null) {
            topics.stop();
        }
    }
}
