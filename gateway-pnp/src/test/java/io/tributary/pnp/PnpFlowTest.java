package io.tributary.pnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.ConfigUpgradeRequest;
import io.tributary.pnp.message.DeviceId;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.Reload;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.message.WorkRequest;
import io.tributary.pnp.provision.Finish;
import io.tributary.pnp.provision.ProvisioningPlan;
import io.tributary.pnp.provision.RetryPolicy;
import io.tributary.pnp.provision.Rule;
import io.tributary.pnp.provision.Step;
import io.tributary.pnp.provision.Steps;
import io.tributary.pnp.server.PnpServerConfig;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.Failure;
import io.tributary.pnp.sim.SimulatedAgent;
import io.tributary.pnp.store.DeviceRecord;
import io.tributary.pnp.store.DeviceState;
import io.tributary.pnp.store.StepResult;
import io.tributary.pnp.testing.Http;
import io.tributary.pnp.xml.PnpWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Whole provisioning flows: the PnP adapter in a gateway on loopback, driven by simulated agents. */
class PnpFlowTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Udi EDGE = new Udi("CISCO2921/K9", "V05", "FTX1503AH3V");

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private RunningGateway gateway;
    private PnpAdapter adapter;
    private String baseUrl;

    @BeforeEach
    void files() throws Exception {
        Path files = Files.createDirectories(dir.resolve("data/files"));
        Files.writeString(files.resolve("edge.cfg"), "hostname ${hostname}\nsnmp-server location ${site}\n");
        byte[] image = new byte[200_000];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) i;
        }
        Files.write(files.resolve("c2900.bin"), image);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            StepVerifier.create(gateway.stop()).expectComplete().verify(TIMEOUT);
        }
        time.dispose();
    }

    private Settings settings() {
        return PnpConfig.defaults().with(PnpConfig.DATA_DIR, dir.resolve("data").toString());
    }

    private PnpAdapter adapter(Settings settings) {
        return PnpAdapter.create(settings).clock(time);
    }

    private PnpAdapter adapter(ProvisioningPlan plan) {
        return adapter(settings()).plan(plan);
    }

    private void start(int port, PnpAdapter pnp) {
        adapter = pnp;
        gateway = Gateway.create().host("127.0.0.1").port(port).meterRegistry(registry).adapter(adapter).start()
                .block(TIMEOUT);
        baseUrl = "http://127.0.0.1:" + gateway.httpAddress().getPort();
    }

    /** A client that also keeps every byte it receives, as received: what went over the wire to the agent. */
    private static HttpClient tapped(List<String> received) {
        return HttpClient.create().doOnChannelInit((observer, channel, address) -> channel.pipeline().addFirst(
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext context, Object message) {
                        if (message instanceof ByteBuf bytes) {
                            received.add(bytes.toString(StandardCharsets.ISO_8859_1));
                        }
                        context.fireChannelRead(message);
                    }
                }));
    }

    private SimulatedAgent agent(Udi udi) {
        return SimulatedAgent.create(baseUrl, udi).hostname("Router").scheduler(time);
    }

    private static ProvisioningPlan plan(List<Step> steps) {
        Rule edge = new Rule("edge", Set.of(EDGE.serial()), null, steps, Finish.terminateProvisioning(), "edge-1",
                Map.of("site", "lab"));
        return ProvisioningPlan.defaults().withRules(List.of(edge));
    }

    private static ProvisioningPlan plan(List<Step> steps, RetryPolicy retry) {
        ProvisioningPlan plan = plan(steps);
        return new ProvisioningPlan(plan.rules(), plan.unknownDevices(), retry, plan.variables());
    }

    private static Predicate<AgentEvent> answered(Service service, boolean success) {
        return event -> event.kind() == AgentEvent.Kind.ANSWERED && event.service() == service
                && event.success() == success;
    }

    private static Predicate<AgentEvent> waiting(Duration delay) {
        return event -> event.kind() == AgentEvent.Kind.WAITING && delay.equals(event.delay());
    }

    private static Predicate<AgentEvent> kind(AgentEvent.Kind kind) {
        return event -> event.kind() == kind;
    }

    private DeviceRecord record(String serial) {
        return adapter.store().get(serial).block(TIMEOUT);
    }

    private List<StepResult> results(String serial) {
        return adapter.store().results(serial).block(TIMEOUT);
    }

    private String retained(String topic) {
        Message message = gateway.router().retainedValue(Topic.of(topic));
        return message == null ? null : message.payloadUtf8();
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @DisplayName("an unknown device gives its device-info, is parked with a 1 h backoff, and is published")
    void unknownDevice() {
        start(0, adapter(settings()));
        Udi unknown = new Udi("C9300-24T", "", "FOC2233X0AB");
        StepVerifier.create(agent(unknown).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.DEVICE_INFO, true))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofHours(1)))
                .then(() -> time.advanceTimeBy(Duration.ofHours(1)))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofHours(1)))
                .thenCancel().verify(TIMEOUT);
        DeviceRecord device = record("FOC2233X0AB");
        assertThat(device.state()).isEqualTo(DeviceState.BACKED_OFF);
        assertThat(device.rule()).isEqualTo("unknown-devices");
        assertThat(results("FOC2233X0AB")).extracting(StepResult::service).containsExactly("device-info");
        assertThat(retained("pnp/FOC2233X0AB/device-info")).contains("urn:cisco:pnp:device-info")
                .contains("<platformName>C9300-24T</platformName>");
        assertThat(gateway.router().retainedValue(Topic.of("pnp/FOC2233X0AB/device-info")).contentType())
                .isEqualTo("text/xml");
        Message state = gateway.router().retainedValue(Topic.of("pnp/FOC2233X0AB/state"));
        assertThat(state.contentType()).isEqualTo("application/json");
        assertThat(state.payloadUtf8()).contains("\"state\":\"BACKED_OFF\"");
        Http http = Http.to(baseUrl);
        assertThat(http.get("/pnp/devices").body()).startsWith("[").contains("\"serial\":\"FOC2233X0AB\"");
        Http.Reply one = http.get("/pnp/devices/FOC2233X0AB");
        assertThat(one.contentType()).isEqualTo("application/json");
        assertThat(one.body()).contains("\"rule\":\"unknown-devices\"").contains("\"results\":[{\"step\":0,\"service\":\"device-info\"");
        assertThat(http.get("/pnp/devices/NOPE").status()).isEqualTo(404);
        assertThat(registry.find("tributary.pnp.devices").tag("state", "backed_off").gauge().value()).isEqualTo(1);
    }

    @Test
    @DisplayName("a device gets its rendered config and its image with MD5 checksums, then terminate")
    void configAndImage() {
        start(0, adapter(plan(List.of(
                new Steps.ConfigUpgrade("edge.cfg", ConfigUpgradeRequest.ApplyTo.STARTUP, null),
                new Steps.ImageInstall("c2900.bin", "flash:c2900.bin", Reload.because("new image"))))));
        List<String> received = new CopyOnWriteArrayList<>();
        StepVerifier.create(agent(EDGE).httpClient(tapped(received)).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.CONFIG_UPGRADE, true))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, true))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(kind(AgentEvent.Kind.TERMINATED))
                .expectComplete().verify(TIMEOUT);
        DeviceRecord device = record(EDGE.serial());
        assertThat(device.state()).isEqualTo(DeviceState.DONE);
        assertThat(results(EDGE.serial())).extracting(StepResult::service, StepResult::success)
                .containsExactly(tuple("config-upgrade", true), tuple("image-install", true));
        // printf 'hostname edge-1\nsnmp-server location lab\n' | md5sum
        // python3 -c "import sys; sys.stdout.buffer.write(bytes(i % 256 for i in range(200000)))" | md5sum
        assertThat(String.join("", received))
                .as("the requests the agent received carry each file's MD5, which the agent checked")
                .contains("<source><location>" + baseUrl + "/pnp/files/config/FTX1503AH3V/edge.cfg</location>"
                        + "<checksum>6e2e35fb957288c33dc061aee65754ee</checksum></source>")
                .contains("<source><location>" + baseUrl + "/pnp/files/file/c2900.bin</location>"
                        + "<checksum>3cbe3eb4d79ebd2e7cc7b3e620f5ba60</checksum></source>");
        assertThat(Http.to(baseUrl).get("/pnp/files/config/FTX1503AH3V/edge.cfg").body())
                .isEqualTo("hostname edge-1\nsnmp-server location lab\n");
        assertThat(count("tributary.pnp.files", "kind", "config", "outcome", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(count("tributary.pnp.files", "kind", "file", "outcome", "ok")).isEqualTo(1);
        assertThat(count("tributary.pnp.step.results", "service", "image-install", "success", "true")).isEqualTo(1);
        assertThat(retained("pnp/FTX1503AH3V/image-install")).contains("success=\"1\"");
        assertThat(retained("pnp/FTX1503AH3V/state")).contains("\"state\":\"DONE\"");
    }

    @Test
    @DisplayName("a failed step (success=0, 1806) is recorded with its code and retried after the backoff")
    void failureAndRetry() {
        start(0, adapter(plan(List.of(new Steps.ImageInstall("c2900.bin", null, null)))));
        StepVerifier.create(agent(EDGE).failing(new Failure(Service.IMAGE_INSTALL, 1, 1806, "Invalid image format"))
                        .run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, false))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofMinutes(1)))
                .then(() -> time.advanceTimeBy(Duration.ofMinutes(1)))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, true))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(kind(AgentEvent.Kind.TERMINATED))
                .expectComplete().verify(TIMEOUT);
        DeviceRecord device = record(EDGE.serial());
        assertThat(device.state()).isEqualTo(DeviceState.DONE);
        List<StepResult> results = results(EDGE.serial());
        assertThat(results.get(0).errorCode()).isEqualTo("PnP Service Error 1806");
        assertThat(results.get(0).errorMessage()).isEqualTo("Invalid image format");
        assertThat(results.get(1).success()).isTrue();
        assertThat(device.lastResult()).isEqualTo(results.get(1));
        assertThat(count("tributary.pnp.step.results", "service", "image-install", "success", "false")).isEqualTo(1);
    }

    @Test
    @DisplayName("past the retry limit the device is marked failed and told to back off for the longest wait")
    void failurePastLimit() {
        RetryPolicy retry = new RetryPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(30), 2.0);
        start(0, adapter(plan(List.of(new Steps.ImageInstall("c2900.bin", null, null)), retry)));
        StepVerifier.create(agent(EDGE).failing(new Failure(Service.IMAGE_INSTALL, 9, 1806, "Invalid image format"))
                        .run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, false))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofMinutes(1)))
                .then(() -> time.advanceTimeBy(Duration.ofMinutes(1)))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, false))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofMinutes(30)))
                .thenCancel().verify(TIMEOUT);
        DeviceRecord device = record(EDGE.serial());
        assertThat(device.state()).isEqualTo(DeviceState.FAILED);
        assertThat(device.attempts()).isEqualTo(2);
        assertThat(device.lastError()).contains("image-install").contains("1806");
    }

    @Test
    @DisplayName("a missing file fails the step on the server side and is retried like a device failure")
    void missingFile() {
        start(0, adapter(plan(List.of(new Steps.ImageInstall("absent.bin", null, null)))));
        StepVerifier.create(agent(EDGE).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofMinutes(1)))
                .thenCancel().verify(TIMEOUT);
        assertThat(results(EDGE.serial()).get(0).errorCode()).isEqualTo("server");
    }

    @Test
    @DisplayName("a new device beyond max-devices gets 503 with a fault before anything is stored or published;"
            + " known devices go on being served")
    void deviceCap() {
        start(0, adapter(settings().with(PnpConfig.SERVER, PnpServerConfig.MAX_DEVICES, 1)));
        StepVerifier.create(agent(EDGE).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.DEVICE_INFO, true))
                .thenCancel().verify(TIMEOUT);
        StepVerifier.create(agent(new Udi("C9300-24T", "", "FOC2233X0AB")).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(event -> event.kind() == AgentEvent.Kind.ERROR && event.detail().contains("503"))
                .expectNextMatches(waiting(SimulatedAgent.DEFAULT_POLL))
                .thenCancel().verify(TIMEOUT);
        assertThat(count("tributary.pnp.rejected", "reason", "capacity")).isEqualTo(1);
        assertThat(adapter.store().size()).isEqualTo(1);
        assertThat(adapter.store().contains("FOC2233X0AB")).as("refused before anything is stored").isFalse();
        assertThat(retained("pnp/FOC2233X0AB/state")).as("or published").isNull();
        StepVerifier.create(agent(EDGE).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .thenCancel().verify(TIMEOUT);
    }

    @Test
    @DisplayName("an agent's fault in answer to a step counts as a failed attempt with code XSVC:Client")
    void agentFault() {
        start(0, adapter(settings()));
        Http http = Http.to(baseUrl);
        String udi = EDGE.toString();
        PnpWriter writer = PnpWriter.create();
        http.post("/pnp/WORK-REQUEST", writer.write(PnpMessage.of(udi, "c-9",
                new WorkRequest(new DeviceId(udi, "R", false, false, null)))));
        assertThat(http.post("/pnp/WORK-RESPONSE", writer.write(PnpMessage.of(udi, null,
                new Fault("XSVC:Client", "cannot parse", null)))).status()).isEqualTo(200);
        DeviceRecord device = record(EDGE.serial());
        assertThat(device.state()).isEqualTo(DeviceState.RETRYING);
        assertThat(device.lastResult().errorCode()).isEqualTo("XSVC:Client");
        assertThat(retained("pnp/FTX1503AH3V/state")).contains("\"state\":\"RETRYING\"");
    }

    @Test
    @DisplayName("a gateway restart in the middle of a workflow continues the device where it was")
    void restartKeepsState() {
        PnpAdapter pnp = adapter(plan(List.of(
                new Steps.ConfigUpgrade("edge.cfg", null, null),
                Steps.request(CliExecRequest.of("show version")),
                new Steps.ImageInstall("c2900.bin", null, null))));
        start(0, pnp);
        int port = gateway.httpAddress().getPort();
        StepVerifier.create(agent(EDGE).afterBye(Duration.ofSeconds(1)).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.CONFIG_UPGRADE, true))
                .then(() -> {
                    StepVerifier.create(gateway.stop()).expectComplete().verify(TIMEOUT);
                    start(port, pnp);
                    time.advanceTimeBy(Duration.ofSeconds(1));
                })
                .expectNextMatches(answered(Service.CLI_EXEC, true))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, true))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(kind(AgentEvent.Kind.TERMINATED))
                .expectComplete().verify(TIMEOUT);
        assertThat(results(EDGE.serial())).extracting(StepResult::service)
                .containsExactly("config-upgrade", "cli-exec", "image-install");
    }

    @Test
    @DisplayName("a server that cannot be reached makes the agent wait its 30 s poll interval, in virtual time:"
            + " each error sets one 30 s timer, and the next attempt comes when it fires")
    void agentPollInterval() {
        start(0, adapter(settings()));
        int port = gateway.httpAddress().getPort();
        StepVerifier.create(gateway.stop()).expectComplete().verify(TIMEOUT);
        gateway = null;
        List<Duration> timers = new CopyOnWriteArrayList<>();
        SimulatedAgent agent = SimulatedAgent.create("http://127.0.0.1:" + port, EDGE).scheduler(recording(timers))
                .maxExchanges(1);
        StepVerifier.create(agent.run())
                .expectNextMatches(kind(AgentEvent.Kind.ERROR))
                .expectNextMatches(waiting(SimulatedAgent.DEFAULT_POLL))
                .then(() -> assertThat(timers).containsExactly(Duration.ofSeconds(30)))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(30)))
                .expectNextMatches(kind(AgentEvent.Kind.ERROR))
                .expectNextMatches(waiting(SimulatedAgent.DEFAULT_POLL))
                .then(() -> assertThat(timers).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(30)))
                .expectComplete().verify(TIMEOUT);
    }

    /** The virtual clock, remembering the delay of every timer set on it. */
    private Scheduler recording(List<Duration> timers) {
        return new Scheduler() {
            @Override
            public Disposable schedule(Runnable task) {
                return time.schedule(task);
            }

            @Override
            public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
                timers.add(Duration.ofNanos(unit.toNanos(delay)));
                return time.schedule(task, delay, unit);
            }

            @Override
            public long now(TimeUnit unit) {
                return time.now(unit);
            }

            @Override
            public Worker createWorker() {
                return time.createWorker();
            }
        };
    }

    @Test
    @DisplayName("hostile bodies to the gateway get 400 without file content and provisioning goes on")
    void hostileBodiesDoNotHarm() {
        start(0, adapter(settings()));
        Http http = Http.to(baseUrl);
        Http.Reply xxe = http.post("/pnp/WORK-REQUEST", "<?xml version=\"1.0\"?><!DOCTYPE pnp [<!ENTITY x SYSTEM"
                + " \"file:///etc/hostname\">]><pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"&x;\"/>");
        assertThat(xxe.status()).isEqualTo(400);
        String hostname = readHostname();
        if (!hostname.isEmpty()) {
            assertThat(xxe.body()).doesNotContain(hostname);
        }
        assertThat(http.post("/pnp/WORK-RESPONSE", "x".repeat(300_000)).status()).isEqualTo(413);
        StepVerifier.create(agent(EDGE).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.DEVICE_INFO, true))
                .thenCancel().verify(TIMEOUT);
    }

    @Test
    @DisplayName("with HTTPS configured the adapter serves its own TLS listener, and credentials go over it")
    void httpsListener() throws Exception {
        Path tls = Path.of(getClass().getResource("/io/tributary/pnp/tls/cert.pem").toURI()).getParent();
        Settings https = PnpConfig.HTTPS_SECTION.defaults().with(PnpConfig.HTTPS_ENABLED, true)
                .with(PnpConfig.HTTPS_HOST, "127.0.0.1").with(PnpConfig.HTTPS_PORT, 0)
                .with(PnpConfig.CERTIFICATE, tls.resolve("cert.pem").toString())
                .with(PnpConfig.PRIVATE_KEY, tls.resolve("key.pem").toString());
        Settings login = PnpServerConfig.CREDENTIALS_SECTION.defaults().with(PnpServerConfig.USERNAME, "admin")
                .with(PnpServerConfig.PASSWORD, "tls-secret");
        start(0, adapter(settings().with(PnpConfig.HTTPS, https)
                .with(PnpConfig.SERVER, PnpServerConfig.CREDENTIALS, login)));
        SslProvider.GenericSslContextSpec<?> trustAll = Http11SslContextSpec.forClient()
                .configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE));
        HttpClient client = HttpClient.create().secure(spec -> spec.sslContext(trustAll));
        SimulatedAgent secure = SimulatedAgent.create("https://localhost:" + adapter.httpsPort(), EDGE)
                .httpClient(client).scheduler(time).authRequired(true);
        StepVerifier.create(secure.run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.DEVICE_INFO, true))
                .thenCancel().verify(TIMEOUT);
        assertThat(record(EDGE.serial()).lastResult().service()).isEqualTo("device-info");
        String work = new String(PnpWriter.create().write(PnpMessage.of(EDGE.toString(), "c-1",
                new WorkRequest(new DeviceId(EDGE.toString(), "R", true, false, null)))), StandardCharsets.UTF_8);
        assertThat(Http.to("https://localhost:" + adapter.httpsPort()).post("/pnp/WORK-REQUEST", work).body())
                .contains("usr=\"admin\" pwd=\"tls-secret\"");
        assertThat(Http.to(baseUrl).post("/pnp/WORK-REQUEST", work.replace("c-1", "c-2")).body())
                .as("not over plain HTTP").doesNotContain("pwd=");
    }

    private static String readHostname() {
        try {
            return Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
        } catch (Exception e) {
            return "";
        }
    }
}
