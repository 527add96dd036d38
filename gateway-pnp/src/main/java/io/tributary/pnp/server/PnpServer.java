package io.tributary.pnp.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.xml.XmlLimits;
import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.xml.PnpReader;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * An immutable PnP server definition in the Reactor Netty style: every method returns a changed copy.
 * {@link #endpoints()} gives routes to put on an existing listener (the gateway's shared one);
 * {@link #bind()} starts a listener of its own. Defaults: bind {@code 0.0.0.0:8080}, plain HTTP, bodies up to
 * {@link #DEFAULT_MAX_BODY} bytes, {@link PnpReader#DEFAULT_LIMITS}, at most {@link #DEFAULT_MAX_DEVICES} devices
 * with a request outstanding, no device credentials, a new {@link SimpleMeterRegistry}, and a handler that must be
 * set.
 */
public final class PnpServer {

    /** Default body cap: 256 KiB. */
    public static final int DEFAULT_MAX_BODY = 256 * 1024;
    /** Default cap on devices with a request outstanding: 100,000. */
    public static final int DEFAULT_MAX_DEVICES = 100_000;

    final PnpHandler handler;
    final String host;
    final int port;
    final int maxBodyBytes;
    final XmlLimits xmlLimits;
    final int maxDevices;
    final Credentials credentials;
    final boolean credentialsOverHttp;
    final MeterRegistry meterRegistry;
    final Path certificate;
    final Path privateKey;
    final List<Consumer<? super HttpServerRoutes>> extraRoutes;

    private PnpServer(PnpHandler handler, String host, int port, int maxBodyBytes, XmlLimits xmlLimits,
                      int maxDevices, Credentials credentials, boolean credentialsOverHttp,
                      MeterRegistry meterRegistry, Path certificate, Path privateKey,
                      List<Consumer<? super HttpServerRoutes>> extraRoutes) {
        this.handler = handler;
        this.host = host;
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
        this.xmlLimits = xmlLimits;
        this.maxDevices = maxDevices;
        this.credentials = credentials;
        this.credentialsOverHttp = credentialsOverHttp;
        this.meterRegistry = meterRegistry;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.extraRoutes = List.copyOf(extraRoutes);
    }

    /** @return a server definition with the defaults and no handler */
    public static PnpServer create() {
        return new PnpServer(null, "0.0.0.0", 8080, DEFAULT_MAX_BODY, PnpReader.DEFAULT_LIMITS, DEFAULT_MAX_DEVICES,
                null, false, null, null, null, List.of());
    }

    private PnpServer copy(PnpHandler handler, String host, int port, int maxBodyBytes, XmlLimits xmlLimits,
                           int maxDevices, Credentials credentials, boolean credentialsOverHttp,
                           MeterRegistry meterRegistry, Path certificate, Path privateKey,
                           List<Consumer<? super HttpServerRoutes>> extraRoutes) {
        return new PnpServer(handler, host, port, maxBodyBytes, xmlLimits, maxDevices, credentials,
                credentialsOverHttp, meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param pnpHandler decides each device's next request and takes in results; required
     * @return a new server reference
     */
    public PnpServer handler(PnpHandler pnpHandler) {
        return copy(Objects.requireNonNull(pnpHandler, "pnpHandler"), host, port, maxBodyBytes, xmlLimits,
                maxDevices, credentials, credentialsOverHttp, meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param address bind address for {@link #bind()}; default {@code 0.0.0.0}
     * @return a new server reference
     */
    public PnpServer host(String address) {
        return copy(handler, Objects.requireNonNull(address, "address"), port, maxBodyBytes, xmlLimits, maxDevices,
                credentials, credentialsOverHttp, meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param number TCP port for {@link #bind()}, 0 for any free port; default 8080
     * @return a new server reference
     */
    public PnpServer port(int number) {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("port out of range: " + number);
        }
        return copy(handler, host, number, maxBodyBytes, xmlLimits, maxDevices, credentials, credentialsOverHttp,
                meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param bytes the largest request body read, in bytes; larger ones get 413; default 256 KiB
     * @return a new server reference
     */
    public PnpServer maxBody(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxBody must be positive: " + bytes);
        }
        return copy(handler, host, port, bytes, xmlLimits, maxDevices, credentials, credentialsOverHttp,
                meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param limits XML parser limits; default {@link PnpReader#DEFAULT_LIMITS}
     * @return a new server reference
     */
    public PnpServer xmlLimits(XmlLimits limits) {
        return copy(handler, host, port, maxBodyBytes, Objects.requireNonNull(limits, "limits"), maxDevices,
                credentials, credentialsOverHttp, meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param devices most devices that may have a request outstanding at once; more get 503; default 100,000
     * @return a new server reference
     */
    public PnpServer maxDevices(int devices) {
        if (devices < 1) {
            throw new IllegalArgumentException("maxDevices must be positive: " + devices);
        }
        return copy(handler, host, port, maxBodyBytes, xmlLimits, devices, credentials, credentialsOverHttp,
                meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param login device login put on requests to agents that say {@code authRequired}, only over HTTPS unless
     *              {@link #credentialsOverHttp(boolean)}; default none
     * @return a new server reference
     */
    public PnpServer credentials(Credentials login) {
        return copy(handler, host, port, maxBodyBytes, xmlLimits, maxDevices, login, credentialsOverHttp,
                meterRegistry, certificate, privateKey, extraRoutes);
    }

    /**
     * @param allowed whether credentials may also go over plain HTTP (lab use); default {@code false}
     * @return a new server reference
     */
    public PnpServer credentialsOverHttp(boolean allowed) {
        return copy(handler, host, port, maxBodyBytes, xmlLimits, maxDevices, credentials, allowed, meterRegistry,
                certificate, privateKey, extraRoutes);
    }

    /**
     * @param registry where {@code tributary.pnp.*} meters go; default a new {@link SimpleMeterRegistry}
     * @return a new server reference
     */
    public PnpServer meterRegistry(MeterRegistry registry) {
        return copy(handler, host, port, maxBodyBytes, xmlLimits, maxDevices, credentials, credentialsOverHttp,
                Objects.requireNonNull(registry, "registry"), certificate, privateKey, extraRoutes);
    }

    /**
     * Serves HTTPS on {@link #bind()} with a PEM certificate chain and PEM (PKCS#8) private key.
     *
     * @param certificateChain the certificate chain file
     * @param key the private key file
     * @return a new server reference
     */
    public PnpServer secure(Path certificateChain, Path key) {
        return copy(handler, host, port, maxBodyBytes, xmlLimits, maxDevices, credentials, credentialsOverHttp,
                meterRegistry, Objects.requireNonNull(certificateChain, "certificateChain"),
                Objects.requireNonNull(key, "key"), extraRoutes);
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
        return copy(handler, host, port, maxBodyBytes, xmlLimits, maxDevices, credentials, credentialsOverHttp,
                meterRegistry, certificate, privateKey, more);
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
