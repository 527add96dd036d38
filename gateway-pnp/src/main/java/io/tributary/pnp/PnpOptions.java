package io.tributary.pnp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.provision.ProvisioningPlan;
import io.tributary.pnp.server.PnpServer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Immutable settings of the {@link PnpAdapter}; every method returns a changed copy. Defaults: data directory
 * {@code data/pnp}, files from {@code data/pnp/files}, {@link ProvisioningPlan#defaults()}, bodies up to 256 KiB,
 * at most 100,000 devices, no device credentials (and never over plain HTTP), file
 * URLs based on each request's {@code Host} header, plain (reusable) file URLs, one-shot URLs valid 1 h, no
 * HTTPS listener, and the parallel scheduler's clock.
 */
public final class PnpOptions {

    final Path dataDirectory;
    final Path filesDirectory;
    final ProvisioningPlan plan;
    final int maxBody;
    final int maxDevices;
    final Credentials credentials;
    final boolean credentialsOverHttp;
    final String advertisedUrl;
    final boolean oneShotUrls;
    final Duration oneShotTtl;
    final Https https;
    final Scheduler clock;

    private PnpOptions(Path dataDirectory, Path filesDirectory, ProvisioningPlan plan, int maxBody, int maxDevices,
                       Credentials credentials, boolean credentialsOverHttp, String advertisedUrl,
                       boolean oneShotUrls, Duration oneShotTtl, Https https, Scheduler clock) {
        this.dataDirectory = dataDirectory;
        this.filesDirectory = filesDirectory;
        this.plan = plan;
        this.maxBody = maxBody;
        this.maxDevices = maxDevices;
        this.credentials = credentials;
        this.credentialsOverHttp = credentialsOverHttp;
        this.advertisedUrl = advertisedUrl;
        this.oneShotUrls = oneShotUrls;
        this.oneShotTtl = oneShotTtl;
        this.https = https;
        this.clock = clock;
    }

    /** @return the defaults */
    public static PnpOptions defaults() {
        return new PnpOptions(Path.of("data", "pnp"), null, ProvisioningPlan.defaults(), PnpServer.DEFAULT_MAX_BODY,
                PnpServer.DEFAULT_MAX_DEVICES, null, false, null, false, Duration.ofHours(1), null,
                Schedulers.parallel());
    }

    private PnpOptions with(Path data, Path files, ProvisioningPlan p, int body, int devices, Credentials login,
                            boolean overHttp, String url, boolean once, Duration ttl, Https tls, Scheduler time) {
        return new PnpOptions(data, files, p, body, devices, login, overHttp, url, once, ttl, tls, time);
    }

    /**
     * @param directory where the device store lives; default {@code data/pnp}
     * @return a new options reference
     */
    public PnpOptions dataDirectory(Path directory) {
        return with(Objects.requireNonNull(directory, "directory"), filesDirectory, plan, maxBody, maxDevices,
                credentials, credentialsOverHttp, advertisedUrl, oneShotUrls, oneShotTtl, https, clock);
    }

    /**
     * @param directory where configs templates, images and other files are read from; default
     *                  {@code <data directory>/files}
     * @return a new options reference
     */
    public PnpOptions filesDirectory(Path directory) {
        return with(dataDirectory, Objects.requireNonNull(directory, "directory"), plan, maxBody, maxDevices,
                credentials, credentialsOverHttp, advertisedUrl, oneShotUrls, oneShotTtl, https, clock);
    }

    /**
     * @param provisioning the rules and retry policy; default {@link ProvisioningPlan#defaults()}
     * @return a new options reference
     */
    public PnpOptions plan(ProvisioningPlan provisioning) {
        return with(dataDirectory, filesDirectory, Objects.requireNonNull(provisioning, "provisioning"), maxBody,
                maxDevices, credentials, credentialsOverHttp, advertisedUrl, oneShotUrls, oneShotTtl, https, clock);
    }

    /**
     * @param bytes largest PnP request body, in bytes; default 256 KiB
     * @return a new options reference
     */
    public PnpOptions maxBody(int bytes) {
        return with(dataDirectory, filesDirectory, plan, bytes, maxDevices, credentials, credentialsOverHttp,
                advertisedUrl, oneShotUrls, oneShotTtl, https, clock);
    }

    /**
     * @param devices most devices known to the store and most with a request outstanding; more get 503; default
     *                100,000
     * @return a new options reference
     */
    public PnpOptions maxDevices(int devices) {
        return with(dataDirectory, filesDirectory, plan, maxBody, devices, credentials, credentialsOverHttp,
                advertisedUrl, oneShotUrls, oneShotTtl, https, clock);
    }

    /**
     * @param login sent to agents that say {@code authRequired}; default none
     * @param overHttp whether also over plain HTTP; default {@code false} (HTTPS only)
     * @return a new options reference
     */
    public PnpOptions credentials(Credentials login, boolean overHttp) {
        return with(dataDirectory, filesDirectory, plan, maxBody, maxDevices, login, overHttp, advertisedUrl,
                oneShotUrls, oneShotTtl, https, clock);
    }

    /**
     * @param url base URL devices reach file downloads at, e.g. {@code http://203.0.113.5:8080} behind NAT; default
     *            {@code null}: scheme and {@code Host} header of each work request
     * @return a new options reference
     */
    public PnpOptions advertisedUrl(String url) {
        return with(dataDirectory, filesDirectory, plan, maxBody, maxDevices, credentials, credentialsOverHttp, url,
                oneShotUrls, oneShotTtl, https, clock);
    }

    /**
     * @param enabled whether file URLs are one-shot and served only to the device they were offered to; default
     *                {@code false}
     * @param ttl how long an unused one-shot URL stays valid; default 1 h
     * @return a new options reference
     */
    public PnpOptions oneShotUrls(boolean enabled, Duration ttl) {
        return with(dataDirectory, filesDirectory, plan, maxBody, maxDevices, credentials, credentialsOverHttp,
                advertisedUrl, enabled, Objects.requireNonNull(ttl, "ttl"), https, clock);
    }

    /**
     * Adds an HTTPS listener of the adapter's own serving the same endpoints (the shared listener is plain HTTP).
     *
     * @param host bind address
     * @param port TCP port, 0 for any
     * @param certificateChain PEM certificate chain file
     * @param privateKey PEM (PKCS#8) private key file
     * @return a new options reference
     */
    public PnpOptions https(String host, int port, Path certificateChain, Path privateKey) {
        return with(dataDirectory, filesDirectory, plan, maxBody, maxDevices, credentials, credentialsOverHttp,
                advertisedUrl, oneShotUrls, oneShotTtl, new Https(host, port, certificateChain, privateKey), clock);
    }

    /**
     * @param scheduler whose clock dates contacts and retries; default {@link Schedulers#parallel()}
     * @return a new options reference
     */
    public PnpOptions clock(Scheduler scheduler) {
        return with(dataDirectory, filesDirectory, plan, maxBody, maxDevices, credentials, credentialsOverHttp,
                advertisedUrl, oneShotUrls, oneShotTtl, https, Objects.requireNonNull(scheduler, "scheduler"));
    }

    Path resolvedFilesDirectory() {
        return filesDirectory != null ? filesDirectory : dataDirectory.resolve("files");
    }

    /** The optional HTTPS listener. */
    record Https(String host, int port, Path certificateChain, Path privateKey) {
    }
}
