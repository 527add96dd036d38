package io.tributary.pnp.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.config.Settings;
import io.tributary.core.xml.XmlLimits;
import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.xml.PnpReader;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.tcp.SslProvider;

/**
 * An immutable PnP server definition in the Reactor Netty style: every method returns a changed copy.
 * {@link #endpoints()} gives routes to put on an existing listener (the gateway's shared one);
 * {@link #bind()} starts a listener of its own. Defaults: bind {@code 0.0.0.0:8080}, plain HTTP,
 * {@link PnpServerConfig#defaults()} (bodies up to 256 KiB, 100,000 devices, no device credentials),
 * {@link PnpReader#DEFAULT_LIMITS}, a new {@link SimpleMeterRegistry}, and a handler that must be set.
 */
public final class PnpServer {

    final PnpHandler handler;
    final String host;
    final int port;
    final Settings config;
    final XmlLimits xmlLimits;
    final MeterRegistry meterRegistry;
    final Path certificate;
    final Path privateKey;
    final List<Consumer<? super HttpServerRoutes>> extraRoutes;

    private PnpServer(PnpHandler handler, String host, int port, Settings config, XmlLimits xmlLimits,
                      MeterRegistry meterRegistry, Path certificate, Path privateKey,
                      List<Consumer<? super HttpServerRoutes>> extraRoutes) {
        this.handler = handler;
        this.host = host;
        this.port = port;
        this.config = config;
        this.xmlLimits = xmlLimits;
        this.meterRegistry = meterRegistry;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.extraRoutes = List.copyOf(extraRoutes);
    }

    /** @return a server definition with the defaults and no handler */
    public static PnpServer create() {
        return new PnpServer(null, "0.0.0.0", 8080, PnpServerConfig.defaults(), PnpReader.DEFAULT_LIMITS, null, null,
                null, List.of());
    }

    /**
     * @param pnpHandler decides each device's next request and takes in results; required
     * @return a new server reference
     */
    public PnpServer handler(PnpHandler pnpHandler) {
        return new PnpServer(Objects.requireNonNull(pnpHandler, "pnpHandler"), host, port, config, xmlLimits,
                meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param address bind address for {@link #bind()}; default {@code 0.0.0.0}
     * @return a new server reference
     */
    public PnpServer host(String address) {
        return new PnpServer(handler, Objects.requireNonNull(address, "address"), port, config, xmlLimits,
                meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param number TCP port for {@link #bind()}, 0 for any free port; default 8080
     * @return a new server reference
     */
    public PnpServer port(int number) {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("port out of range: " + number);
        }
        return new PnpServer(handler, host, number, config, xmlLimits, meterRegistry, certificate, privateKey,
                extraRoutes);
    }

    /**
     * @param settings values of {@link PnpServerConfig#SECTION}, replacing any set before (so call
     *                 {@code maxBody}, {@code maxDevices} and {@code credentials} after it); default
     *                 {@link PnpServerConfig#defaults()}
     * @return a new server reference
     * @throws IllegalArgumentException for settings of another section, or values that break its rules
     */
    public PnpServer config(Settings settings) {
        if (settings.section() != PnpServerConfig.SECTION) {
            throw new IllegalArgumentException("expected PnP server settings, was " + settings.section());
        }
        return new PnpServer(handler, host, port, settings.validate(), xmlLimits, meterRegistry, certificate,
                privateKey, extraRoutes);
    }

    /**
     * @param bytes the largest request body read, in bytes, 1 to 64 MiB; larger ones get 413; default 256 KiB
     * @return a new server reference
     */
    public PnpServer maxBody(int bytes) {
        return config(config.with(PnpServerConfig.MAX_BODY, bytes));
    }

    /**
     * @param devices most requests kept outstanding, at least 1; when full, the one sent longest ago is forgotten
     *                (its answer gets 400); refusing devices is the handler's ({@link ServerBusyException});
     *                default 100,000
     * @return a new server reference
     */
    public PnpServer maxDevices(int devices) {
        return config(config.with(PnpServerConfig.MAX_DEVICES, devices));
    }

    /**
     * @param limits XML parser limits; default {@link PnpReader#DEFAULT_LIMITS}
     * @return a new server reference
     */
    public PnpServer xmlLimits(XmlLimits limits) {
        return new PnpServer(handler, host, port, config, Objects.requireNonNull(limits, "limits"), meterRegistry,
                certificate, privateKey, extraRoutes);
    }

    /**
     * @param login device login put on requests to agents that say {@code authRequired}, only over HTTPS unless
     *              {@link #credentialsOverHttp(boolean)}; {@code null} for none; default none
     * @return a new server reference
     */
    public PnpServer credentials(Credentials login) {
        Settings credentials = config.get(PnpServerConfig.CREDENTIALS)
                .with(PnpServerConfig.USERNAME, login == null ? null : login.username())
                .with(PnpServerConfig.PASSWORD, login == null ? "" : login.password());
        return config(config.with(PnpServerConfig.CREDENTIALS, credentials));
    }

    /**
     * @param allowed whether credentials may also go over plain HTTP (lab use); default {@code false}
     * @return a new server reference
     */
    public PnpServer credentialsOverHttp(boolean allowed) {
        return config(config.with(PnpServerConfig.CREDENTIALS, PnpServerConfig.OVER_HTTP, allowed));
    }

    /**
     * @param registry where {@code tributary.pnp.*} meters go; default a new {@link SimpleMeterRegistry}
     * @return a new server reference
     */
    public PnpServer meterRegistry(MeterRegistry registry) {
        return new PnpServer(handler, host, port, config, xmlLimits, Objects.requireNonNull(registry, "registry"),
                certificate, privateKey, extraRoutes);
    }

    /**
     * Serves HTTPS on {@link #bind()} with a PEM certificate chain and PEM (PKCS#8) private key.
     *
     * @param certificateChain the certificate chain file
     * @param key the private key file
     * @return a new server reference
     */
    public PnpServer secure(Path certificateChain, Path key) {
        return new PnpServer(handler, host, port, config, xmlLimits, meterRegistry,
                Objects.requireNonNull(certificateChain, "certificateChain"), Objects.requireNonNull(key, "key"),
                extraRoutes);
    }

    /**
     * Adds routes served next to the PnP endpoints (file service, status), e.g. when binding a listener of its own.
     *
     * @param contribution declares the routes
     * @return a new server reference
     */
    public PnpServer route(Consumer<? super HttpServerRoutes> contribution) {
        List<Consumer<? super HttpServerRoutes>> more = new ArrayList<>(extraRoutes);
        more.add(Objects.requireNonNull(contribution, "contribution"));
        return new PnpServer(handler, host, port, config, xmlLimits, meterRegistry, certificate, privateKey, more);
    }

    /**
     * Creates the endpoints of one server instance; put them on one or more listeners to share their state.
     *
     * @return new endpoints (each call has its own table of outstanding requests)
     */
    public PnpEndpoints endpoints() {
        if (handler == null) {
            throw new IllegalStateException("PnpServer needs a handler");
        }
        PnpServer resolved = meterRegistry != null ? this : meterRegistry(new SimpleMeterRegistry());
        return new PnpEndpoints(resolved);
    }

    /**
     * Binds a listener of its own serving these endpoints (and any extra routes).
     *
     * @return the bound server
     */
    public Mono<DisposableServer> bind() {
        return Mono.defer(() -> bind(endpoints()));
    }

    /**
     * Binds a listener of its own for endpoints that may also be served elsewhere.
     *
     * @param endpoints endpoints from {@link #endpoints()}
     * @return the bound server
     */
    public Mono<DisposableServer> bind(PnpEndpoints endpoints) {
        return Mono.defer(() -> {
            HttpServer server = HttpServer.create().host(host).port(port).route(endpoints);
            if (certificate != null) {
                SslProvider.GenericSslContextSpec<?> tls =
                        Http11SslContextSpec.forServer(certificate.toFile(), privateKey.toFile());
                server = server.secure(spec -> spec.sslContext(tls));
            }
            return server.bind();
        });
    }
}
