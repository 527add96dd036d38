package io.tributary.app.config;

import java.time.Duration;

/** Range checks that types alone cannot express; each failure names the key. */
final class ConfigValidator {

    private ConfigValidator() {
    }

    static void validate(GatewayConfig config) throws ConfigException {
        port("http.port", config.http().port());
        notBlank("http.host", config.http().host());
        atLeast("router.queue-capacity", config.router().queueCapacity(), 1);
        atLeast("router.max-retained", config.router().maxRetained(), 0);
        positive("router.request-timeout", config.router().requestTimeout());
        positive("shutdown.timeout", config.shutdown().timeout());
        coap(config.coap());
        PnpSettingsValidator.validate(config.pnp());
        UpnpSettings.validate(config.upnp());
    }

    private static void coap(CoapSettings coap) throws ConfigException {
        notBlank("coap.host", coap.host());
        port("coap.port", coap.port());
        positive("coap.ack-timeout", coap.ackTimeout());
        if (!(coap.ackRandomFactor() >= 1.0)) {
            throw new ConfigException("coap.ack-random-factor: must be at least 1, was " + coap.ackRandomFactor());
        }
        atLeast("coap.max-retransmit", coap.maxRetransmit(), 0);
        atLeast("coap.nstart", coap.nstart(), 1);
        atLeast("coap.dedup-per-peer", coap.dedupPerPeer(), 1);
        atLeast("coap.dedup-total", coap.dedupTotal(), 1);
        atLeast("coap.max-peers", coap.maxPeers(), 1);
        atLeast("coap.receive-buffer", coap.receiveBuffer().bytes(), 4096);
        atMost("coap.receive-buffer", coap.receiveBuffer().bytes(), Integer.MAX_VALUE);
        for (int i = 0; i < coap.polls().size(); i++) {
            CoapSettings.Poll poll = coap.polls().get(i);
            String key = "coap.polls[" + i + "]";
            notBlank(key + ".name", poll.name());
            if (poll.uri() == null || !"coap".equalsIgnoreCase(poll.uri().getScheme())
                    || poll.uri().getHost() == null) {
                throw new ConfigException(key + ".uri: must be a coap://host/path URI, was " + poll.uri());
            }
            if (poll.name().contains("/") || poll.name().contains("+") || poll.name().contains("#")) {
                throw new ConfigException(key + ".name: must be one topic segment, was '" + poll.name() + "'");
            }
            if (poll.interval() != null && poll.interval().toMillis() < 1000) {
                throw new ConfigException(key + ".interval: must be at least 1s, was " + poll.interval());
            }
        }
    }

    static void port(String key, int value) throws ConfigException {
        if (value < 0 || value > 65535) {
            throw new ConfigException(key + ": " + value + " is not a port (0-65535)");
        }
    }

    static void atLeast(String key, long value, long minimum) throws ConfigException {
        if (value < minimum) {
            throw new ConfigException(key + ": must be at least " + minimum + ", was " + value);
        }
    }

    static void atMost(String key, long value, long maximum) throws ConfigException {
        if (value > maximum) {
            throw new ConfigException(key + ": must be at most " + maximum + ", was " + value);
        }
    }

    static void positive(String key, Duration value) throws ConfigException {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(key + ": must be a positive duration, was " + value);
        }
    }

    static void notBlank(String key, String value) throws ConfigException {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + ": must not be empty");
        }
    }
}
