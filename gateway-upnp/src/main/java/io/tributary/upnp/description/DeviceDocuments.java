package io.tributary.upnp.description;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.tributary.upnp.http.UpnpHttp;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The gateway's description documents as served: the device description at {@value #DESCRIPTION_PATH} and one
 * SCPD per service at its {@code SCPDURL}, with their configuration number {@code CONFIGID.UPNP.ORG} (UDA 1.1
 * §1.1.2): a CRC-32 of every document, cut to 24 bits, so it changes whenever a document does and stays the same
 * across restarts while nothing changes. Replacing an SCPD (the topics service follows the retained topics)
 * regenerates the documents and emits the new number. Thread-safe.
 */
public final class DeviceDocuments {

    /** The path of the device description. */
    public static final String DESCRIPTION_PATH = "/upnp/description.xml";
    /** The largest configuration number, 2^24 - 1 (UDA 1.1 §1.1.2). */
    public static final int MAX_CONFIG_ID = 0xFF_FFFF;

    private final DescriptionWriter writer = new DescriptionWriter();
    private final DeviceDescription device;
    private final Map<String, Scpd> scpds;
    private final Sinks.Many<Integer> changes = Sinks.many().multicast().directBestEffort();
    private volatile Documents current;

    /**
     * @param device the root device; its services' {@code SCPDURL}s are the keys of {@code scpds}
     * @param scpds the SCPD of each service by its {@code SCPDURL} path
     */
    public DeviceDocuments(DeviceDescription device, Map<String, Scpd> scpds) {
        this.device = device;
        this.scpds = new LinkedHashMap<>(scpds);
        for (ServiceDescription service : device.services()) {
            if (!scpds.containsKey(service.scpdUrl())) {
                throw new IllegalArgumentException("no SCPD for " + service.serviceId() + " at " + service.scpdUrl());
            }
        }
        this.current = render();
    }

    /** @return the root device */
    public DeviceDescription device() {
        return device;
    }

    /** @return the current configuration number, 0 to {@value #MAX_CONFIG_ID} */
    public int configId() {
        return current.configId;
    }

    /** @return the configuration numbers of later changes, one per change */
    public Flux<Integer> configIdChanges() {
        return changes.asFlux();
    }

    /**
     * Replaces a service's SCPD; nothing happens when it is equal to the current one.
     *
     * @param path the service's {@code SCPDURL}
     * @param scpd its new SCPD
     * @return whether the documents changed
     */
    public synchronized boolean scpd(String path, Scpd scpd) {
        Scpd old = scpds.get(path);
        if (old == null) {
            throw new IllegalArgumentException("no service has the SCPD URL " + path);
        }
        if (old.equals(scpd)) {
            return false;
        }
        scpds.put(path, scpd);
        int before = current.configId;
        current = render();
        if (current.configId != before) {
            changes.tryEmitNext(current.configId);
        }
        return true;
    }

    /** @return the description document as served now */
    public byte[] description() {
        return current.description.clone();
    }

    /**
     * @param path a {@code SCPDURL}
     * @return the SCPD served there now, or {@code null}
     */
    public byte[] scpd(String path) {
        byte[] document = current.scpds.get(path);
        return document == null ? null : document.clone();
    }

    /**
     * Declares GET routes for the description and every SCPD.
     *
     * @return a route contribution for {@code HttpServer.route(...)} or a shared listener
     */
    public Consumer<HttpServerRoutes> routes() {
        return routes -> {
            routes.get(DESCRIPTION_PATH, (request, response) -> send(response, current.description));
            for (String path : current.scpds.keySet()) {
                routes.get(path, (request, response) -> send(response, current.scpds.get(path)));
            }
        };
    }

    private static Mono<Void> send(HttpServerResponse response, byte[] document) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, UpnpHttp.TEXT_XML)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(document.length))
                .sendByteArray(Mono.just(document)).then();
    }

    private Documents render() {
        CRC32 crc = new CRC32();
        crc.update(writer.device(device, DescriptionWriter.NO_CONFIG_ID));
        for (Map.Entry<String, Scpd> entry : scpds.entrySet()) {
            crc.update(ByteBuffer.wrap(entry.getKey().getBytes(StandardCharsets.UTF_8)));
            crc.update(writer.scpd(entry.getValue(), DescriptionWriter.NO_CONFIG_ID));
        }
        int configId = (int) (crc.getValue() & MAX_CONFIG_ID);
        Map<String, byte[]> rendered = new LinkedHashMap<>();
        scpds.forEach((path, scpd) -> rendered.put(path, writer.scpd(scpd, configId)));
        return new Documents(writer.device(device, configId), Map.copyOf(rendered), configId);
    }

    private record Documents(byte[] description, Map<String, byte[]> scpds, int configId) {
    }
}
