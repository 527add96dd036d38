package io.tributary.upnp;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tributary.core.RouterConfig;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.upnp.bridge.EventSourceUrl;
import io.tributary.upnp.bridge.TopicVariable;
import io.tributary.upnp.control.ControlConfig;
import io.tributary.upnp.description.DeviceConfig;
import io.tributary.upnp.description.DeviceDocuments;
import io.tributary.upnp.description.Scpd;
import io.tributary.upnp.description.UpnpTypes;
import io.tributary.upnp.discovery.Discovery;
import io.tributary.upnp.discovery.DiscoveryConfig;
import io.tributary.upnp.multicast.MulticastEventConfig;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.Moderation;
import io.tributary.upnp.publisher.PublisherConfig;
import io.tributary.upnp.ssdp.SsdpConfig;
import io.tributary.upnp.subscriber.GenaSubscriber;
import io.tributary.upnp.subscriber.SubscriberConfig;

/**
 * The {@code upnp} section of a gateway: the root device ({@link DeviceConfig}) with its topics service and
 * configured services, evented by the GENA publisher and controlled by SOAP; the GENA subscriber with the event
 * sources it follows into the router; SSDP ({@link SsdpConfig}), discovery ({@link DiscoveryConfig}) and multicast
 * eventing ({@link MulticastEventConfig}). {@link UpnpAdapter#create(Settings)} takes its values.
 */
public final class UpnpConfig {

    /** The default event path of the topics service. */
    public static final String TOPICS_PATH = "/upnp/event/topics";
    /** The prefix of event paths whose key is the rest of the path. */
    public static final String EVENT_PREFIX = "/upnp/event/";
    /** The prefix of SCPD URLs. */
    public static final String SCPD_PREFIX = "/upnp/scpd/";
    /** The prefix of control URLs. */
    public static final String CONTROL_PREFIX = "/upnp/control/";


    /** The topics service. */
    public static final Section TOPICS_SECTION = Section.create("topics-service", "Events every retained router"
            + " topic matching filter as one state variable ('/' -> '.', other characters not allowed in an XML"
            + " name -> '_'): demo/temp = 21.5 is <demo.temp>21.5</demo.temp>.");
    /** Whether the topics service is served. */
    public static final Setting<Boolean> TOPICS_ENABLED = TOPICS_SECTION.define("enabled", ValueTypes.bool(), true,
            "Whether the topics service is served.");
    /** Its event path. */
    public static final Setting<String> TOPICS_PATH_SETTING = TOPICS_SECTION.define("path",
            ValueTypes.scalar("event path", String.class, EventedService::checkPath, String::toString), TOPICS_PATH,
            "Its event subscription path.");
    /** Which retained topics it events. */
    public static final Setting<TopicFilter> TOPICS_FILTER = TOPICS_SECTION.define("filter",
            RouterConfig.TOPIC_FILTER, TopicFilter.of("#"), "Which retained topics it events.");
    /** Whether SetValue is offered. */
    public static final Setting<Boolean> TOPICS_WRITABLE = TOPICS_SECTION.define("writable", ValueTypes.bool(), true,
            "Whether its SetValue action publishes retained messages (off: the action is not offered).");
    /** How long SCPD changes wait. */
    public static final Setting<Duration> TOPICS_SCPD_DELAY = TOPICS_SECTION.define("scpd-delay",
            ValueTypes.positiveDuration(), Duration.ofSeconds(2), "How long after a retained topic appears or is"
                    + " cleared its SCPD and CONFIGID.UPNP.ORG are renewed (changes in between are taken together).");

    /** One variable of a configured service. */
    public static final Section VARIABLE = Section.create("variable", "One state variable eventing one topic.");
    /** The topic. */
    public static final Setting<Topic> VARIABLE_TOPIC = VARIABLE.required("topic", RouterConfig.TOPIC,
            "The router topic.");
    /** The variable name. */
    public static final Setting<String> VARIABLE_NAME = VARIABLE.required("name", ValueTypes.nonBlankText(),
            "The state variable name, an XML name without ':'.");
    /** UDA maximumRate. */
    public static final Setting<Duration> VARIABLE_MAXIMUM_RATE = VARIABLE.define("maximum-rate",
            ValueTypes.nonNegativeDuration(), Duration.ZERO, "At most one event per this period (UDA 2.0 §2.5"
                    + " maximumRate); the newest held value is sent when it ends; 0s: no limit.");
    /** UDA minimumDelta. */
    public static final Setting<Double> VARIABLE_MINIMUM_DELTA = VARIABLE.define("minimum-delta",
            ValueTypes.real().atLeast(0.0), 0.0, "Smallest numeric change evented (UDA 2.0 §2.5 minimumDelta);"
                    + " 0: every change.");

    /** Its UPnP data type. */
    public static final Setting<String> VARIABLE_DATA_TYPE = VARIABLE.define("data-type",
            ValueTypes.nonBlankText().require(Scpd.DATA_TYPES::contains, "a UPnP data type (string, boolean, ui4,"
                    + " i4, r8, dateTime, uri, …)"), "string",
            "Its dataType in the SCPD (UDA 2.0 §2.5), e.g. ui4, boolean, r8.");
    /** Whether it is also evented by multicast. */
    public static final Setting<Boolean> VARIABLE_MULTICAST = VARIABLE.define("multicast", ValueTypes.bool(), false,
            "Whether changes are also multicast (UDA 2.0 §4.3.3, multicast=\"yes\" in the SCPD).");

    static {
        VARIABLE.checkBy(VARIABLE_NAME, UpnpConfig::variable);
    }

    /** A configured service. */
    public static final Section SERVICE = Section.create("service", "An evented service with chosen topics and"
            + " variable names.");
    /** Its event path. */
    public static final Setting<String> SERVICE_PATH = SERVICE.required("path",
            ValueTypes.scalar("event path", String.class, EventedService::checkPath, String::toString),
            "Its event subscription path, e.g. /upnp/event/kitchen.");
    /** Its service type. */
    public static final Setting<String> SERVICE_TYPE = SERVICE.optional("service-type",
            ValueTypes.nonBlankText().require(UpnpTypes::isServiceType, "urn:domain:service:Name:version"),
            "Its serviceType, e.g. urn:example-com:service:Kitchen:1; unset: urn:tributary-io:service:<Name>:1, the"
                    + " name from the path's last segment.");
    /** Its service identifier. */
    public static final Setting<String> SERVICE_ID = SERVICE.optional("service-id",
            ValueTypes.nonBlankText().require(UpnpTypes::isServiceId, "urn:domain:serviceId:Name"),
            "Its serviceId, e.g. urn:example-com:serviceId:Kitchen; unset: urn:tributary-io:serviceId:<Name>.");
    /** Its variables. */
    public static final Setting<List<Settings>> SERVICE_VARIABLES = SERVICE.define("variables",
            ValueTypes.listOf(ValueTypes.section(VARIABLE)), List.of(), "The topics it events, in initial-event"
                    + " order.");

    static {
        SERVICE.check(SERVICE_VARIABLES, s -> s.get(SERVICE_VARIABLES).isEmpty() ? "at least one variable is needed"
                : null);
    }

    /** An event source. */
    public static final Section SOURCE = Section.create("source", "A UPnP event source subscribed at start.");
    /** Its name. */
    public static final Setting<String> SOURCE_NAME = SOURCE.required("name", ValueTypes.nonBlankText(),
            "One topic segment; events go to upnp/<name>/<variable>.");
    /** Its event subscription URL. */
    public static final Setting<URI> SOURCE_URL = SOURCE.required("url", ValueTypes.uri(),
            "The event subscription URL (http://).");

    static {
        SOURCE.checkBy(SOURCE_URL, UpnpConfig::source);
    }

    /** The {@code upnp} section. */
    public static final Section SECTION = Section.create("upnp", "UPnP on the HTTP listener under /upnp/: the"
            + " gateway as a root device (description, SCPD, SOAP control, GENA events, SSDP) and as a control point"
            + " (discovery, subscriptions).");
    /** Whether the adapter runs. */
    public static final Setting<Boolean> ENABLED = SECTION.define("enabled", ValueTypes.bool(), true,
            "Whether the UPnP adapter runs.");
    /** The root device. */
    public static final Setting<Settings> DEVICE = SECTION.section(DeviceConfig.SECTION);
    /** The publisher. */
    public static final Setting<Settings> PUBLISHER = SECTION.section(PublisherConfig.SECTION);
    /** The topics service. */
    public static final Setting<Settings> TOPICS_SERVICE = SECTION.section(TOPICS_SECTION);
    /** Configured services. */
    public static final Setting<List<Settings>> SERVICES = SECTION.define("services",
            ValueTypes.listOf(ValueTypes.section(SERVICE)), List.of(), "Further services, each eventing chosen"
                    + " topics under chosen names, e.g.\n"
                    + "- path: /upnp/event/kitchen\n"
                    + "  variables:\n"
                    + "    - {topic: coap/kitchen/temp, name: Temperature, maximum-rate: 10s, minimum-delta: 0.5}");
    /** SOAP control. */
    public static final Setting<Settings> CONTROL = SECTION.section(ControlConfig.SECTION);
    /** The subscriber. */
    public static final Setting<Settings> SUBSCRIBER = SECTION.section(SubscriberConfig.SECTION);
    /** Event sources. */
    public static final Setting<List<Settings>> SOURCES = SECTION.define("sources",
            ValueTypes.listOf(ValueTypes.section(SOURCE)), List.of(), "UPnP event sources subscribed at start;"
                    + " their variables are published as retained upnp/<name>/<variable>, e.g.\n"
                    + "- {name: livingroom-tv, url: \"http://192.168.1.20:49152/upnp/event/RenderingControl1\"}");
    /** SSDP. */
    public static final Setting<Settings> SSDP = SECTION.section(SsdpConfig.SECTION);
    /** Discovery. */
    public static final Setting<Settings> DISCOVERY = SECTION.section(DiscoveryConfig.SECTION);
    /** Multicast eventing. */
    public static final Setting<Settings> MULTICAST_EVENTS = SECTION.section(MulticastEventConfig.SECTION);
    /** Router queue of each service. */
    public static final Setting<Integer> QUEUE_CAPACITY = SECTION.define("queue-capacity",
            ValueTypes.integer().atLeast(1).unit("messages"), 4096,
            "Router queue of each evented service's subscription.");

    static {
        SECTION.check(SERVICES, UpnpConfig::paths);
        SECTION.check(SOURCES, s -> {
            Set<String> names = new HashSet<>();
            List<Settings> sources = s.get(SOURCES);
            for (int i = 0; i < sources.size(); i++) {
                if (!names.add(sources.get(i).get(SOURCE_NAME))) {
                    return "[" + i + "].name: '" + sources.get(i).get(SOURCE_NAME) + "' is used twice";
                }
            }
            return null;
        });
    }

    private UpnpConfig() {
    }

    /** @return the defaults: publisher and topics service on, no configured services or sources */
    public static Settings defaults() {
        return SECTION.defaults();
    }

    /**
     * @param variable values of {@link #VARIABLE}
     * @return the topic variable they describe
     * @throws IllegalArgumentException if the name is not an XML name
     */
    public static TopicVariable variable(Settings variable) {
        Moderation moderation = Moderation.none().maximumRate(variable.get(VARIABLE_MAXIMUM_RATE))
                .minimumDelta(variable.get(VARIABLE_MINIMUM_DELTA));
        return new TopicVariable(variable.get(VARIABLE_TOPIC), variable.get(VARIABLE_NAME), moderation);
    }

    /**
     * @param source values of {@link #SOURCE}
     * @return the event source they describe
     * @throws IllegalArgumentException if the name is not one topic segment or the URL not http://
     */
    public static EventSourceUrl source(Settings source) {
        return new EventSourceUrl(source.get(SOURCE_NAME), source.get(SOURCE_URL));
    }

    /**
     * @param eventPath a service's event path
     * @return its key in the SCPD and control URLs: the path after {@code /upnp/event/} (or after the leading
     *         {@code /}), each further {@code /} as {@code -}; {@code topics} for {@value #TOPICS_PATH}
     */
    public static String serviceKey(String eventPath) {
        String key = eventPath.startsWith(EVENT_PREFIX) ? eventPath.substring(EVENT_PREFIX.length())
                : eventPath.substring(1);
        return key.replace('/', '-');
    }

    /**
     * @param eventPath a service's event path
     * @return its SCPD URL path, {@code /upnp/scpd/<key>.xml}
     */
    public static String scpdPath(String eventPath) {
        return SCPD_PREFIX + serviceKey(eventPath) + ".xml";
    }

    /**
     * @param eventPath a service's event path
     * @return its control URL path, {@code /upnp/control/<key>}
     */
    public static String controlPath(String eventPath) {
        return CONTROL_PREFIX + serviceKey(eventPath);
    }

    /**
     * @param service values of {@link #SERVICE}
     * @return its {@code serviceType}: configured, or {@code urn:tributary-io:service:<Name>:1}
     */
    public static String serviceType(Settings service) {
        String configured = service.get(SERVICE_TYPE);
        return configured != null ? configured
                : "urn:tributary-io:service:" + typeName(service.get(SERVICE_PATH)) + ":1";
    }

    /**
     * @param service values of {@link #SERVICE}
     * @return its {@code serviceId}: configured, or {@code urn:tributary-io:serviceId:<Name>}
     */
    public static String serviceId(Settings service) {
        String configured = service.get(SERVICE_ID);
        return configured != null ? configured : "urn:tributary-io:serviceId:" + typeName(service.get(SERVICE_PATH));
    }

    /** The path's last segment with letters and digits only, first letter upper-cased: {@code kitchen} → Kitchen. */
    private static String typeName(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9]", "");
        if (last.isEmpty()) {
            return "Service";
        }
        last = last.length() > 64 ? last.substring(0, 64) : last;
        return Character.toUpperCase(last.charAt(0)) + last.substring(1);
    }

    private static String paths(Settings upnp) {
        Set<String> paths = new HashSet<>();
        Set<String> keys = new HashSet<>();
        Settings topics = upnp.get(TOPICS_SERVICE);
        if (topics.get(TOPICS_ENABLED)) {
            paths.add(topics.get(TOPICS_PATH_SETTING));
            keys.add(serviceKey(topics.get(TOPICS_PATH_SETTING)));
        }
        List<Settings> services = upnp.get(SERVICES);
        for (int i = 0; i < services.size(); i++) {
            String path = services.get(i).get(SERVICE_PATH);
            if (path.startsWith(GenaSubscriber.CALLBACK_PATH) || path.startsWith(SCPD_PREFIX)
                    || path.startsWith(CONTROL_PREFIX) || path.equals(DeviceDocuments.DESCRIPTION_PATH)
                    || path.equals(Discovery.DEVICES_PATH) || !paths.add(path)) {
                return "[" + i + "].path: " + path + " is already used (by another service, the callbacks, the"
                        + " description, SCPD or control URLs)";
            }
            if (!keys.add(serviceKey(path))) {
                return "[" + i + "].path: " + path + " gives the same SCPD and control URLs as another service";
            }
        }
        return null;
    }
}
