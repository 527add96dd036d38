package io.tributary.nats;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tributary.core.Overflow;
import io.tributary.core.RouterConfig;
import io.tributary.core.TopicFilter;
import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/**
 * The {@code nats} section of a gateway: whether the NATS bridge runs, the servers and credentials it connects
 * with, the subject prefix, which topics go out and come in, the JetStream key-value bucket of retained values and
 * the bounds of its buffers. {@link NatsAdapter#create(Settings)} takes its values.
 */
public final class NatsConfig {

    private static final ScalarType<Path> FILE = ValueTypes.scalar("file", Path.class, Path::of, Path::toString);
    private static final ScalarType<URI> SERVER = ValueTypes.uri().require(uri -> uri.getScheme() != null
            && List.of("nats", "tls", "ws", "wss").contains(uri.getScheme()), "a nats://, tls://, ws:// or wss:// URL");

    /** TLS towards the servers. */
    public static final Section TLS = Section.create("tls", "TLS towards the servers (also on for tls:// URLs):"
            + " the CA in a truststore, the client certificate and key in a keystore (PKCS12 or JKS).");
    /** Whether TLS is on. */
    public static final Setting<Boolean> TLS_ENABLED = TLS.define("enabled", ValueTypes.bool(), false,
            "Whether connections use TLS.");
    /** The truststore holding the CA. */
    public static final Setting<Path> TLS_TRUSTSTORE = TLS.optional("truststore", FILE,
            "Truststore with the CA certificates the server certificate must chain to; unset: the JVM's.");
    /** Its password. */
    public static final Setting<String> TLS_TRUSTSTORE_PASSWORD = TLS.define("truststore-password",
            ValueTypes.text().secret(), "", "Password of the truststore.");
    /** The keystore holding the client certificate. */
    public static final Setting<Path> TLS_KEYSTORE = TLS.optional("keystore", FILE,
            "Keystore with the client certificate and key, for servers that verify clients; unset: none.");
    /** Its password. */
    public static final Setting<String> TLS_KEYSTORE_PASSWORD = TLS.define("keystore-password",
            ValueTypes.text().secret(), "", "Password of the keystore and its key.");

    /** How the gateway authenticates; at most one way. */
    public static final Section CREDENTIALS = Section.create("credentials", "How the gateway authenticates to the"
            + " servers: user and password, a token, an NKey seed file or a creds file (JWT + seed); at most one.");
    /** User name. */
    public static final Setting<String> USER = CREDENTIALS.optional("user", ValueTypes.nonBlankText(),
            "User name (with password); unset: none.");
    /** Password. */
    public static final Setting<String> PASSWORD = CREDENTIALS.define("password", ValueTypes.text().secret(), "",
            "Password of the user.");
    /** Token. */
    public static final Setting<String> TOKEN = CREDENTIALS.define("token", ValueTypes.text().secret(), "",
            "Authentication token; empty: none.");
    /** NKey seed file. */
    public static final Setting<Path> NKEY_SEED_FILE = CREDENTIALS.optional("nkey-seed-file", FILE,
            "File holding an NKey user seed (SU...); unset: none.");
    /** Creds file. */
    public static final Setting<Path> CREDS_FILE = CREDENTIALS.optional("creds-file", FILE,
            "Decentralised-auth creds file (user JWT and seed); unset: none.");
    /** TLS. */
    public static final Setting<Settings> TLS_SETTINGS = CREDENTIALS.section(TLS);

    static {
        CREDENTIALS.check(USER, settings -> {
            int ways = (settings.find(USER).isPresent() ? 1 : 0) + (settings.get(TOKEN).isEmpty() ? 0 : 1)
                    + (settings.find(NKEY_SEED_FILE).isPresent() ? 1 : 0)
                    + (settings.find(CREDS_FILE).isPresent() ? 1 : 0);
            return ways > 1 ? "give one of user, token, nkey-seed-file and creds-file, not " + ways : null;
        });
        CREDENTIALS.check(PASSWORD, settings -> !settings.get(PASSWORD).isEmpty() && settings.find(USER).isEmpty()
                ? "a password needs a user" : null);
    }

    /** The retained-values bucket. */
    public static final Section RETAINED = Section.create("retained", "Retained values shared through a JetStream"
            + " key-value bucket: key = the topic's subject, value = the message with its headers.");
    /** Whether retained values are shared through the bucket. */
    public static final Setting<Boolean> RETAINED_ENABLED = RETAINED.define("enabled", ValueTypes.bool(), true,
            "Whether retained values go to the bucket and come back from it (needs JetStream).");
    /** The bucket. */
    public static final Setting<String> BUCKET = RETAINED.define("bucket",
            ValueTypes.nonBlankText().require(name -> name.matches("[A-Za-z0-9_-]+"), "letters, digits, '-', '_'"),
            "tributary-retained", "JetStream key-value bucket holding the retained values.");
    /** Whether the bucket may be created. */
    public static final Setting<Boolean> CREATE_BUCKET = RETAINED.define("create", ValueTypes.bool(), true,
            "Whether the gateway creates the bucket (one value per key, file storage) when it is missing.");
    /** JetStream domain of the bucket. */
    public static final Setting<String> DOMAIN = RETAINED.optional("domain",
            ValueTypes.nonBlankText().require(name -> name.matches("[A-Za-z0-9_-]+"), "letters, digits, '-', '_'"),
            "JetStream domain holding the bucket, e.g. the hub's when gateways sit on leaf nodes without JetStream;"
                    + " unset: the server's own JetStream.");
    /** Replicas of a created bucket. */
    public static final Setting<Integer> REPLICAS = RETAINED.define("replicas", ValueTypes.integer().range(1, 5),
            1, "Copies of a created bucket across a JetStream cluster (1 on a single server, 3 to survive the loss"
                    + " of one of three).");

    /** The {@code nats} section. */
    public static final Section SECTION = Section.create("nats", "Scale-out over NATS: gateways share one topic"
            + " space through nats-server (topic a/b ↔ subject <prefix>.a.b), retained values through a JetStream"
            + " key-value bucket, request/reply through queue groups.");
    /** Whether the adapter runs. */
    public static final Setting<Boolean> ENABLED = SECTION.define("enabled", ValueTypes.bool(), false,
            "Whether the NATS adapter runs (it needs a nats-server; the gateway starts without one).");
    /** The servers. */
    public static final Setting<List<URI>> SERVERS = SECTION.define("servers", ValueTypes.listOf(SERVER),
            List.of(URI.create("nats://127.0.0.1:4222")), "Servers to connect to, tried in turn; more are learnt"
                    + " from a cluster.");
    /** The connection name. */
    public static final Setting<String> NAME = SECTION.define("name",
            ValueTypes.nonBlankText().require(name -> name.matches("[A-Za-z0-9_.-]+"), "letters, digits, '.', '-',"
                    + " '_'"), "tributary", "Connection name; with a random suffix it is the origin gateway id in"
                    + " message headers.");
    /** Credentials. */
    public static final Setting<Settings> CREDENTIALS_SETTINGS = SECTION.section(CREDENTIALS);
    /** The subject prefix. */
    public static final Setting<String> SUBJECT_PREFIX = SECTION.define("subject-prefix",
            ValueTypes.nonBlankText().require(SubjectMapping::isPrefix, "subject tokens of letters, digits, '-',"
                    + " '_' joined by '.'"), "tributary", "Subjects are <prefix>.<topic>; requests go to"
                    + " <prefix>-request.<topic>.");
    /** Which local topics go out. */
    public static final Setting<List<TopicFilter>> EXPORT = SECTION.define("export",
            ValueTypes.listOf(RouterConfig.TOPIC_FILTER), List.of(TopicFilter.of("#")),
            "Local topics published to NATS (and requests without a local responder); messages that came from"
                    + " NATS never go back.");
    /** Which remote topics come in. */
    public static final Setting<List<TopicFilter>> IMPORT = SECTION.define("import",
            ValueTypes.listOf(RouterConfig.TOPIC_FILTER), List.of(TopicFilter.of("#")),
            "Remote topics published into the router (and requests answered by local responders).");
    /** Retained values. */
    public static final Setting<Settings> RETAINED_SETTINGS = SECTION.section(RETAINED);
    /** How long a request waits. */
    public static final Setting<Duration> REQUEST_TIMEOUT = SECTION.define("request-timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(5), "How long a request sent to NATS waits for its"
                    + " reply.");
    /** Reconnect backoff start. */
    public static final Setting<Duration> RECONNECT_WAIT = SECTION.define("reconnect-wait",
            ValueTypes.positiveDuration(), Duration.ofSeconds(1), "Wait before reconnecting after a round of"
                    + " failed attempts; doubles each round up to reconnect-wait-max.");
    /** Reconnect backoff cap. */
    public static final Setting<Duration> RECONNECT_WAIT_MAX = SECTION.define("reconnect-wait-max",
            ValueTypes.positiveDuration(), Duration.ofSeconds(30), "Longest wait between reconnect rounds.");
    /** Outgoing buffer. */
    public static final Setting<Integer> BUFFER = SECTION.define("buffer", ValueTypes.size().atLeast(1024),
            8 * 1024 * 1024, "Outgoing messages held while disconnected or while the connection is behind,"
                    + " counted by subject, headers and payload.");
    /** Overflow policy of the outgoing buffer. */
    public static final Setting<Overflow> OVERFLOW = SECTION.define("overflow", ValueTypes.choice(Overflow.class),
            Overflow.DROP_OLDEST, "What a full outgoing buffer does: drop-oldest, drop-newest or error (the new"
                    + " message is refused); every drop is counted (tributary_nats_dropped_total).");
    /** Incoming buffer. */
    public static final Setting<Integer> INBOUND_BUFFER = SECTION.define("inbound-buffer",
            ValueTypes.integer().atLeast(16).unit("messages"), 8192, "Messages received from NATS waiting to be"
                    + " published into the router; past it the oldest are dropped and counted.");

    static {
        SECTION.check(RECONNECT_WAIT_MAX, settings -> settings.get(RECONNECT_WAIT_MAX)
                .compareTo(settings.get(RECONNECT_WAIT)) < 0 ? "must be at least reconnect-wait ("
                + ValueTypes.formatDuration(settings.get(RECONNECT_WAIT)) + ")" : null);
        SECTION.check(SERVERS, settings -> settings.get(SERVERS).isEmpty() ? "give at least one server" : null);
        SECTION.check(EXPORT, settings -> overlapping(settings.get(EXPORT)));
        SECTION.check(IMPORT, settings -> overlapping(settings.get(IMPORT)));
    }

    private NatsConfig() {
    }

    /** A topic matched by two filters of one list would travel twice: such lists are refused. */
    private static String overlapping(List<TopicFilter> filters) {
        for (int i = 0; i < filters.size(); i++) {
            for (int k = i + 1; k < filters.size(); k++) {
                if (overlap(filters.get(i).segments(), filters.get(k).segments())) {
                    return "[" + k + "]: '" + filters.get(k) + "' overlaps '" + filters.get(i) + "' (a topic both"
                            + " match would travel twice); keep the wider one";
                }
            }
        }
        return null;
    }

    /**
     * @param a a filter's segments
     * @param b another's
     * @return whether some topic matches both
     */
    static boolean overlap(List<String> a, List<String> b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            String x = a.get(i);
            String y = b.get(i);
            if (x.equals(TopicFilter.REST) || y.equals(TopicFilter.REST)) {
                return true;
            }
            if (!x.equals(TopicFilter.ONE) && !y.equals(TopicFilter.ONE) && !x.equals(y)) {
                return false;
            }
        }
        List<String> longer = a.size() > b.size() ? a : b;
        // a/# also matches a
        return a.size() == b.size() || (longer.size() == common + 1 && longer.get(common).equals(TopicFilter.REST));
    }

    /** @return the defaults: disabled, nats://127.0.0.1:4222, prefix tributary, export and import #, 8 MiB buffer */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
