package io.tributary.pnp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.message.DeviceId;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.ErrorInfo;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceRequest;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.WorkRequest;
import io.tributary.pnp.testing.Http;
import io.tributary.pnp.xml.PnpWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

class PnpServerTest {

    static final String UDI = "PID:WS-C3750X-24T-E,VID:V04,SN:FDO1703P2EB";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<PnpContact> responses = new CopyOnWriteArrayList<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicReference<ServiceRequest> next = new AtomicReference<>(new DeviceInfoRequest(
            DeviceInfoRequest.Type.ALL));
    private final PnpWriter writer = PnpWriter.create();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private DisposableServer server;
    private Http http;

    private final PnpHandler handler = new PnpHandler() {
        @Override
        public Mono<ServiceRequest> workRequest(PnpContact contact) {
            if (busy.get()) {
                return Mono.error(new ServerBusyException("no room for " + contact.serial()));
            }
            asked.add(contact.serial());
            return Mono.justOrEmpty(next.get());
        }

        @Override
        public Mono<Void> workResponse(PnpContact contact, ServiceRequestRecord answered) {
            responses.add(contact);
            return Mono.empty();
        }
    };

    @BeforeEach
    void start() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        server = PnpServer.create().host("127.0.0.1").port(0).handler(handler).meterRegistry(registry)
                .maxBody(4096).credentials(new Credentials("admin", "s3cret-pw")).credentialsOverHttp(true)
                .bind().block(Duration.ofSeconds(10));
        http = Http.to("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.disposeNow(Duration.ofSeconds(10));
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private String workRequest(String correlator, boolean authRequired) {
        return workRequest(UDI, correlator, authRequired);
    }

    private String workRequest(String udi, String correlator, boolean authRequired) {
        return new String(writer.write(PnpMessage.of(udi, correlator,
                new WorkRequest(new DeviceId(udi, "Switch", authRequired, false, null)))));
    }

    private String response(String correlator, Service service, boolean success) {
        return response(UDI, correlator, service, success);
    }

    private String response(String udi, String correlator, Service service, boolean success) {
        return new String(writer.write(PnpMessage.of(udi, correlator, success
                ? ServiceResponse.success(service, null)
                : ServiceResponse.failure(service, ErrorInfo.of("XSVC_ERROR", 1601, "x")))));
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @DisplayName("pnp.md HTTP flow 1: /pnp/HELLO answers GET, POST and HEAD with 200 and an empty body")
    void hello() {
        assertThat(http.get("/pnp/HELLO")).isEqualTo(new Http.Reply(200, null, ""));
        assertThat(http.post("/pnp/HELLO", "")).isEqualTo(new Http.Reply(200, null, ""));
        assertThat(http.head("/pnp/HELLO").status()).isEqualTo(200);
        assertThat(count("tributary.pnp.requests", "endpoint", "hello", "outcome", "ok")).isEqualTo(3);
    }

    @Test
    @DisplayName("pnp.md HTTP flow 2-3: the request carries the agent's correlator, and the bye carries it too")
    void workFlow() {
        Http.Reply request = http.post("/pnp/WORK-REQUEST", workRequest("CiscoPnP-1.0-7-AB", false));
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.contentType()).isEqualTo("text/xml");
        assertThat(request.body()).contains("<request xmlns=\"urn:cisco:pnp:device-info\" correlator=\"CiscoPnP-1.0-7-AB\">")
                .doesNotContain("pwd=");
        Http.Reply bye = http.post("/pnp/WORK-RESPONSE", response("CiscoPnP-1.0-7-AB", Service.DEVICE_INFO, true));
        assertThat(bye.status()).isEqualTo(200);
        assertThat(bye.body()).contains("<info xmlns=\"urn:cisco:pnp:work-info\" correlator=\"CiscoPnP-1.0-7-AB\">"
                + "<workInfo><bye/></workInfo></info>");
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).serial()).isEqualTo("FDO1703P2EB");
        assertThat(responses.get(0).remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(registry.find("tributary.pnp.service.time").tag("service", "device-info").timer().count())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a response whose correlator does not match the outstanding request is refused with 400 and a fault")
    void correlatorMismatch() {
        http.post("/pnp/WORK-REQUEST", workRequest("corr-1", false));
        Http.Reply refused = http.post("/pnp/WORK-RESPONSE", response("corr-2", Service.DEVICE_INFO, true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("urn:cisco:pnp:fault").contains("<faultcode>XSVC:Client</faultcode>")
                .contains("does not match");
        Http.Reply wrongService = http.post("/pnp/WORK-RESPONSE", response("corr-1", Service.RELOAD, true));
        assertThat(wrongService.status()).isEqualTo(400);
        assertThat(count("tributary.pnp.rejected", "reason", "correlator")).isEqualTo(2);
        assertThat(logs.list).anyMatch(event -> event.getFormattedMessage().contains("corr-2"));
        assertThat(http.post("/pnp/WORK-RESPONSE", response("corr-1", Service.DEVICE_INFO, true)).status())
                .isEqualTo(200);
        assertThat(http.post("/pnp/WORK-RESPONSE", response("corr-1", Service.DEVICE_INFO, true)).status())
                .as("the same answer twice").isEqualTo(400);
        assertThat(responses).hasSize(1);
    }

    @Test
    @DisplayName("pnp.md errors: an agent's fault (no correlator) answers the outstanding request and gets bye")
    void agentFault() {
        http.post("/pnp/WORK-REQUEST", workRequest("corr-f", false));
        String fault = new String(writer.write(PnpMessage.of(UDI, null,
                new Fault("XSVC:Client", "cannot parse", null))));
        Http.Reply bye = http.post("/pnp/WORK-RESPONSE", fault);
        assertThat(bye.status()).isEqualTo(200);
        assertThat(bye.body()).contains("correlator=\"corr-f\"").contains("<bye/>");
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).message().body()).isInstanceOf(Fault.class);
        assertThat(http.post("/pnp/WORK-RESPONSE", fault).status()).as("nothing outstanding any more")
                .isEqualTo(400);
    }

    @Test
    @DisplayName("who may be served is the handler's decision alone: with the table of outstanding requests full, a"
            + " device the handler took is served, and the request sent longest ago is forgotten (its answer gets 400)")
    void handlerDecidesCapacity() {
        DisposableServer small = PnpServer.create().host("127.0.0.1").port(0).handler(handler).meterRegistry(registry)
                .maxDevices(1).bind().block(Duration.ofSeconds(10));
        try {
            Http one = Http.to("http://127.0.0.1:" + small.port());
            String other = "PID:C9300-24T,VID:V01,SN:FOC2233X0AB";
            assertThat(one.post("/pnp/WORK-REQUEST", workRequest("a-1", false)).status()).isEqualTo(200);
            assertThat(one.post("/pnp/WORK-REQUEST", workRequest(other, "b-1", false)).status()).isEqualTo(200);
            assertThat(asked).containsExactly("FDO1703P2EB", "FOC2233X0AB");
            assertThat(count("tributary.pnp.rejected", "reason", "capacity")).isZero();
            assertThat(count("tributary.pnp.outstanding.forgotten")).isEqualTo(1);
            Http.Reply forgotten = one.post("/pnp/WORK-RESPONSE", response("a-1", Service.DEVICE_INFO, true));
            assertThat(forgotten.status()).isEqualTo(400);
            assertThat(forgotten.body()).contains("no request is outstanding for this device");
            assertThat(one.post("/pnp/WORK-RESPONSE", response(other, "b-1", Service.DEVICE_INFO, true)).status())
                    .isEqualTo(200);
        } finally {
            small.disposeNow(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("a handler that refuses a device (ServerBusyException) gets it 503 with a fault, counted, and"
            + " nothing outstanding for it")
    void handlerRefuses() {
        busy.set(true);
        Http.Reply refused = http.post("/pnp/WORK-REQUEST", workRequest("c-busy", false));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("<response xmlns=\"urn:cisco:pnp:fault\">")
                .contains("<faultcode>XSVC:Server</faultcode>").contains("<faultstring>server busy</faultstring>");
        assertThat(count("tributary.pnp.rejected", "reason", "capacity")).isEqualTo(1);
        assertThat(count("tributary.pnp.requests", "endpoint", "work-request", "outcome", "unavailable"))
                .isEqualTo(1);
        busy.set(false);
        assertThat(http.post("/pnp/WORK-RESPONSE", response("c-busy", Service.DEVICE_INFO, true)).status())
                .as("nothing outstanding").isEqualTo(400);
    }

    @Test
    @DisplayName("a handler with no work answers a 15-minute callbackAfter backoff")
    void noWork() {
        next.set(null);
        assertThat(http.post("/pnp/WORK-REQUEST", workRequest("c", false)).body())
                .contains("<callbackAfter><hours>0</hours><minutes>15</minutes><seconds>0</seconds></callbackAfter>");
    }

    @Test
    @DisplayName("credentials go on the envelope only when the agent says authRequired, and are never logged, at"
            + " any level down to TRACE")
    void credentials() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level configured = root.getLevel();
        root.setLevel(Level.TRACE);
        try {
            next.set(CliExecRequest.of("show version"));
            assertThat(http.post("/pnp/WORK-REQUEST", workRequest("c1", true)).body())
                    .contains("usr=\"admin\" pwd=\"s3cret-pw\"");
            assertThat(http.post("/pnp/WORK-REQUEST", workRequest("c2", false)).body()).doesNotContain("pwd=");
        } finally {
            root.setLevel(configured);
        }
        // Event loops may still be logging: stop capturing, then read a copy taken under the appender's lock.
        logs.stop();
        List<ILoggingEvent> captured;
        synchronized (logs) {
            captured = List.copyOf(logs.list);
        }
        assertThat(captured).as("the DEBUG line of each request sent is captured")
                .anyMatch(event -> event.getLevel() == Level.DEBUG
                        && event.getLoggerName().equals(PnpEndpoints.class.getName())
                        && event.getFormattedMessage().equals("PnP FDO1703P2EB -> cli-exec (c1)"));
        assertThat(captured).noneMatch(event -> event.getFormattedMessage().contains("s3cret-pw")
                || event.getThrowableProxy() != null && String.valueOf(event.getThrowableProxy().getMessage())
                .contains("s3cret-pw"));
    }

    @Test
    @DisplayName("bad bodies get 400/413 with a PnP fault, are counted, leak no file content, and the server keeps serving")
    void badBodies() {
        Http.Reply malformed = http.post("/pnp/WORK-REQUEST", "<pnp xmlns=\"urn:cisco:pnp\"");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).isEqualTo("text/xml");
        assertThat(malformed.body()).contains("<response xmlns=\"urn:cisco:pnp:fault\">").contains("malformed");
        Http.Reply tooLarge = http.post("/pnp/WORK-REQUEST", "<pnp>" + "x".repeat(5000) + "</pnp>");
        assertThat(tooLarge.status()).isEqualTo(413);
        Http.Reply xxe = http.post("/pnp/WORK-REQUEST", "<?xml version=\"1.0\"?><!DOCTYPE pnp [<!ENTITY x SYSTEM"
                + " \"file:///etc/passwd\">]><pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"&x;\"/>");
        assertThat(xxe.status()).isEqualTo(400);
        assertThat(xxe.body()).doesNotContain("root:");
        Http.Reply laughs = http.post("/pnp/WORK-REQUEST", "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"&c;\"/>");
        assertThat(laughs.status()).isEqualTo(400);
        Http.Reply wrongBody = http.post("/pnp/WORK-REQUEST", response("x", Service.RELOAD, true));
        assertThat(wrongBody.status()).isEqualTo(400);
        Http.Reply badUdi = http.post("/pnp/WORK-REQUEST", workRequest("c", false).replace(UDI, "PID:X,SN:a b"));
        assertThat(badUdi.status()).isEqualTo(400);
        assertThat(count("tributary.pnp.rejected", "reason", "malformed")).isEqualTo(1);
        assertThat(count("tributary.pnp.rejected", "reason", "too-large")).isEqualTo(1);
        assertThat(count("tributary.pnp.rejected", "reason", "refused")).isEqualTo(2);
        assertThat(count("tributary.pnp.rejected", "reason", "unexpected-body")).isEqualTo(1);
        assertThat(count("tributary.pnp.rejected", "reason", "invalid")).isEqualTo(1);
        Http.Reply get = http.get("/pnp/WORK-REQUEST");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.body()).contains("urn:cisco:pnp:fault");
        assertThat(count("tributary.pnp.rejected", "reason", "method")).isEqualTo(1);
        assertThat(http.post("/pnp/WORK-REQUEST", workRequest("after", false)).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a standalone server serves HTTPS with a PEM certificate and key")
    void https() throws Exception {
        Path tls = Path.of(getClass().getResource("/io/tributary/pnp/tls/cert.pem").toURI()).getParent();
        DisposableServer secure = PnpServer.create().host("127.0.0.1").port(0).handler(handler)
                .secure(tls.resolve("cert.pem"), tls.resolve("key.pem"))
                .credentials(new Credentials("admin", "tls-only")).bind().block(Duration.ofSeconds(10));
        try {
            Http https = Http.to("https://localhost:" + secure.port());
            assertThat(https.get("/pnp/HELLO").status()).isEqualTo(200);
            assertThat(https.post("/pnp/WORK-REQUEST", workRequest("c-tls", true)).body())
                    .contains("pwd=\"tls-only\"");
        } finally {
            secure.disposeNow(Duration.ofSeconds(10));
        }
    }
}
