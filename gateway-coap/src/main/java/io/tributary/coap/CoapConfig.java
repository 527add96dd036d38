package io.tributary.coap;

import java.util.List;

import io.tributary.coap.stack.StackConfig;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/**
 * The settings of a CoAP endpoint: its sockets, multicast membership and, inline, the protocol parameters of
 * {@link StackConfig}. {@code CoapServer.create().config(...)} takes values of {@link #SECTION}:
 * <pre>{@code
 * CoapServer.create().config(CoapConfig.defaults().with(CoapConfig.PROTOCOL, StackConfig.NSTART, 4))
 * }</pre>
 */
public final class CoapConfig {

    /** The endpoint's settings; written at the level of the {@code coap} section. */
    public static final Section SECTION = Section.create("endpoint", "The CoAP endpoint (RFC 7252) over UDP.");

    /** Bind address. */
    public static final Setting<String> HOST = SECTION.define("host", ValueTypes.nonBlankText(), "::",
            "Bind address; '::' accepts IPv4 and IPv6.");
    /** UDP port. */
    public static final Setting<Integer> PORT = SECTION.define("port", ValueTypes.port(), CoapUri.DEFAULT_PORT,
            "UDP port, 0 for any free port.");
    /** Largest datagram accepted. */
    public static final Setting<Integer> MAX_DATAGRAM_SIZE = SECTION.define("max-datagram-size",
            ValueTypes.size().range(64, 65_507), 2048, "Largest datagram accepted; a larger one is"
                    + " refused as a format error (RST for a CON) rather than decoded cut short (RFC 7252 §4.6).");
    /** SO_RCVBUF. */
    public static final Setting<Integer> RECEIVE_BUFFER = SECTION.define("receive-buffer",
            ValueTypes.size().atLeast(4096), 4 << 20, "SO_RCVBUF of each socket (the kernel may cap it at"
                    + " net.core.rmem_max).");
    /** SO_SNDBUF. */
    public static final Setting<Integer> SEND_BUFFER = SECTION.define("send-buffer",
            ValueTypes.size().atLeast(4096), 4 << 20, "SO_SNDBUF of each socket.");
    /** Sockets bound to the port. */
    public static final Setting<Integer> CHANNELS = SECTION.define("channels", ValueTypes.integer().atLeast(0), 0,
            "Sockets bound to the same port with SO_REUSEPORT, each on its own event loop (epoll only); 0: one per"
                    + " core, at most one per event loop.");
    /** The protocol parameters. */
    public static final Setting<Settings> PROTOCOL = SECTION.inline(StackConfig.SECTION);

    /** Multicast membership. */
    public static final Section MULTICAST_SECTION = Section.create("multicast", "Multicast membership (RFC 7252"
            + " §8): requests to a group are answered after a random leisure, never with errors.");
    /** Groups to join. */
    public static final Setting<List<String>> MULTICAST_GROUPS = MULTICAST_SECTION.define("groups",
            ValueTypes.listOf(ValueTypes.nonBlankText()), List.of(),
            "Groups to join, e.g. [\"224.0.1.187\", \"ff02::fd\"]; needs the epoll transport.");
    /** Interface for membership. */
    public static final Setting<String> MULTICAST_INTERFACE = MULTICAST_SECTION.optional("network-interface",
            ValueTypes.nonBlankText(), "Interface name for membership; unset: the bind address's interface.");
    /** {@code multicast}. */
    public static final Setting<Settings> MULTICAST = SECTION.section(MULTICAST_SECTION);

    private CoapConfig() {
    }

    /** @return the defaults: {@code [::]:5683}, 2 KiB datagrams, 4 MiB socket buffers, RFC 7252 parameters */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
