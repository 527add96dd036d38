package io.tributary.upnp.interop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpConfig;
import io.tributary.upnp.description.DeviceConfig;
import io.tributary.upnp.discovery.DiscoveryConfig;
import io.tributary.upnp.ssdp.SsdpConfig;

/**
 * A gateway with the UPnP adapter for the namespace tests, run in a child JVM inside a network namespace. It
 * prints {@code ready <udn> <port>} once started and {@code topic <topic> <payload> sid=<sid>} for every router
 * message; it reads commands from stdin: {@code publish <topic> <value>}, {@code meter <name> <tag> <value>},
 * {@code devices}, {@code stop}. Arguments: {@code --udn U}, {@code --port P}, {@code --rule DEVICE_TYPE},
 * {@code --multicast} (a service /upnp/event/level whose variable Level, topic demo/level, is multicast),
 * {@code --rate N} (M-SEARCH responses per second and source).
 */
public final class NamespaceGateway {

    private NamespaceGateway() {
    }

    /**
     * @param args the options above
     * @throws Exception when the gateway does not start
     */
    public static void main(String[] args) throws Exception {
        Settings upnp = UpnpConfig.defaults();
        int port = 8080;
        List<Settings> rules = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--udn" -> upnp = upnp.with(UpnpConfig.DEVICE, DeviceConfig.UDN, args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--rule" -> rules.add(DiscoveryConfig.RULE.defaults().with(DiscoveryConfig.RULE_DEVICE_TYPES,
                        List.of(args[++i])));
                case "--rate" -> upnp = upnp.with(UpnpConfig.SSDP, SsdpConfig.RESPONSE_RATE_PER_SOURCE,
                        Integer.parseInt(args[++i]));
                case "--multicast" -> upnp = upnp.with(UpnpConfig.SERVICES, List.of(UpnpConfig.SERVICE.defaults()
                        .with(UpnpConfig.SERVICE_PATH, "/upnp/event/level")
                        .with(UpnpConfig.SERVICE_VARIABLES, List.of(UpnpConfig.VARIABLE.defaults()
                                .with(UpnpConfig.VARIABLE_TOPIC, Topic.of("demo/level"))
                                .with(UpnpConfig.VARIABLE_NAME, "Level")
                                .with(UpnpConfig.VARIABLE_MULTICAST, true)))));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        upnp = upnp.with(UpnpConfig.DISCOVERY, DiscoveryConfig.RULES, rules)
                .with(UpnpConfig.DISCOVERY, DiscoveryConfig.SEARCH_INTERVAL, Duration.ofSeconds(5));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UpnpAdapter adapter = UpnpAdapter.create(upnp);
        RunningGateway gateway = Gateway.create().host("0.0.0.0").port(port).meterRegistry(meters).adapter(adapter)
                .start().block(Duration.ofSeconds(30));
        gateway.router().subscribe(TopicFilter.of("#")).subscribe(message -> say("topic " + message.topic() + " "
                + message.payloadUtf8().replace("\n", "\\n") + " sid=" + message.attribute("sid")));
        say("ready " + adapter.documents().device().udn() + " " + gateway.httpAddress().getPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ", 3);
            switch (words[0]) {
                case "publish" -> gateway.router().publish(Message.builder(Topic.of(words[1]))
                        .payload(words.length > 2 ? words[2] : "").retain(true).build());
                case "meter" -> {
                    String[] tag = words[2].split(" ");
                    Counter counter = meters.find(words[1]).tag(tag[0], tag[1]).counter();
                    say("meter " + words[1] + "{" + tag[0] + "=" + tag[1] + "} " + (counter == null ? 0
                            : (long) counter.count()));
                }
                case "devices" -> adapter.devices().forEach(device -> say("device " + device.udn() + " "
                        + device.deviceType() + " followed=" + device.followed()));
                case "stop" -> {
                    gateway.stop().block(Duration.ofSeconds(20));
                    say("stopped");
                    System.exit(0);
                }
                default -> say("unknown command " + line);
            }
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
