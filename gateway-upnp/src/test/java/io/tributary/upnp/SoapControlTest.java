package io.tributary.upnp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.upnp.control.ControlConfig;
import io.tributary.upnp.ssdp.SsdpConfig;
import io.tributary.upnp.testing.GenaClient;
import io.tributary.upnp.testing.GenaClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class SoapControlTest {

    private static final String TOPICS = "urn:tributary-io:service:Topics:1";
    private static final String ENVELOPE_START = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<s:Envelope"
            + " xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>";
    private static final String ENVELOPE_END = "</s:Body></s:Envelope>";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RunningGateway gateway;
    private GenaClient client;

    @BeforeEach
    void start() {
        gateway = Gateway.create().host("127.0.0.1").port(0).meterRegistry(meters)
                .adapter(UpnpAdapter.create(UpnpConfig.defaults().with(UpnpConfig.SSDP, SsdpConfig.ENABLED, false)
                        .with(UpnpConfig.CONTROL, ControlConfig.MAX_BODY_SIZE, 1024)))
                .start().block(Duration.ofSeconds(10));
        client = new GenaClient("http://127.0.0.1:" + gateway.httpAddress().getPort());
    }

    @AfterEach
    void stop() {
        StepVerifier.create(gateway.stop()).expectComplete().verify(Duration.ofSeconds(20));
    }

    private static byte[] request(String namespace, String action, String arguments) {
        return ("<?xml version=\"1.0\"?>\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:" + action
                + " xmlns:u=\"" + namespace + "\">" + arguments + "</u:" + action + "></s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Answer call(String action, String arguments) {
        return post("\"" + TOPICS + "#" + action + "\"", request(TOPICS, action, arguments));
    }

    private Answer post(String soapAction, byte[] body) {
        return client.send("POST", "/upnp/control/topics", Map.of("Content-Type", "text/xml; charset=\"utf-8\"",
                "SOAPACTION", soapAction), body);
    }

    private static String fault(int code, String description) {
        return ENVELOPE_START + "<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring>"
                + "<detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>" + code
                + "</errorCode><errorDescription>" + description + "</errorDescription></UPnPError></detail>"
                + "</s:Fault>" + ENVELOPE_END;
    }

    private double counted(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).counter().count();
    }

    @Test
    @DisplayName("UDA §3.2.1: SetValue publishes a retained message as a CoAP PUT to /ps/<topic> does, GetValue"
            + " reads it")
    void setAndGet() {
        Answer set = call("SetValue", "<Topic>demo/temp</Topic><Value>21.5</Value>");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.headers().get("Content-Type")).isEqualTo("text/xml; charset=\"utf-8\"");
        assertThat(set.headers().contains("EXT")).isTrue();
        assertThat(set.headers().get("SERVER")).contains("UPnP/1.1 Tributary/0.1");
        assertThat(set.body()).isEqualTo(ENVELOPE_START + "<u:SetValueResponse xmlns:u=\"" + TOPICS
                + "\"></u:SetValueResponse>" + ENVELOPE_END);
        Message retained = gateway.router().retainedValue(Topic.of("demo/temp"));
        assertThat(retained.payloadUtf8()).isEqualTo("21.5");
        assertThat(retained.retain()).isTrue();
        assertThat(retained.attribute(Message.ORIGIN)).isEqualTo("upnp");
        assertThat(retained.attribute(Message.PEER)).startsWith("/127.0.0.1:");

        Answer get = call("GetValue", "<Topic>demo/temp</Topic>");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(ENVELOPE_START + "<u:GetValueResponse xmlns:u=\"" + TOPICS
                + "\"><Value>21.5</Value></u:GetValueResponse>" + ENVELOPE_END);
        assertThat(counted("tributary.upnp.control", "result", "ok")).isEqualTo(2);

        assertThat(call("SetValue", "<Topic>demo/text</Topic><Value>a&lt;b&amp;c\"</Value>").status()).isEqualTo(200);
        assertThat(gateway.router().retainedValue(Topic.of("demo/text")).payloadUtf8()).isEqualTo("a<b&c\"");
        assertThat(call("GetValue", "<Topic>demo/text</Topic>").body()).contains("<Value>a&lt;b&amp;c\"</Value>");
    }

    @Test
    @DisplayName("UDA §2.5: ListTopics answers the retained topics a filter matches, comma-separated, \\ escaping"
            + " commas and backslashes")
    void listTopics() {
        gateway.router().publish(Message.builder(Topic.of("demo/temp")).payload("1").retain(true).build());
        gateway.router().publish(Message.builder(Topic.of("demo/a,b\\c")).payload("2").retain(true).build());
        gateway.router().publish(Message.builder(Topic.of("other/x")).payload("3").retain(true).build());
        assertThat(call("ListTopics", "<Filter>demo/#</Filter>").body()).isEqualTo(ENVELOPE_START
                + "<u:ListTopicsResponse xmlns:u=\"" + TOPICS + "\"><Topics>demo/a\\,b\\\\c,demo/temp</Topics>"
                + "</u:ListTopicsResponse>" + ENVELOPE_END);
        assertThat(call("ListTopics", "<Filter></Filter>").body()).contains("<Topics>demo/a\\,b\\\\c,demo/temp,other/x"
                + "</Topics>");
    }

    @Test
    @DisplayName("UDA 1.0 §3.2.1: QueryStateVariable answers an evented variable's value; an unknown one is 404")
    void queryStateVariable() {
        gateway.router().publish(Message.builder(Topic.of("demo/temp")).payload("21.5").retain(true).build());
        String control = "urn:schemas-upnp-org:control-1-0";
        Answer known = post("\"" + control + "#QueryStateVariable\"", request(control, "QueryStateVariable",
                "<u:varName>demo.temp</u:varName>"));
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.body()).isEqualTo(ENVELOPE_START + "<u:QueryStateVariableResponse xmlns:u=\"" + control
                + "\"><return>21.5</return></u:QueryStateVariableResponse>" + ENVELOPE_END);
        Answer unknown = post("\"" + control + "#QueryStateVariable\"", request(control, "QueryStateVariable",
                "<u:varName>nope</u:varName>"));
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.body()).isEqualTo(fault(404, "Invalid Var: nope"));
    }

    @Test
    @DisplayName("UDA §3.2.2: unknown actions are 401, wrong or missing arguments 402, a topic without value 800,"
            + " each a SOAP fault with UPnPError and status 500")
    void faults() {
        Answer unknown = call("Reboot", "");
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.body()).isEqualTo(fault(401, "Invalid Action: Reboot"));
        Answer missing = call("SetValue", "<Topic>demo/temp</Topic>");
        assertThat(missing.status()).isEqualTo(500);
        assertThat(missing.body()).isEqualTo(fault(402, "Invalid Args: SetValue takes [Topic, Value], got [Topic]"));
        assertThat(call("GetValue", "<Topic>demo/+</Topic>").body()).contains("<errorCode>402</errorCode>");
        assertThat(call("GetValue", "<Topic>demo/none</Topic>").body())
                .isEqualTo(fault(800, "No Value: demo/none has no retained value"));
        Answer mismatch = post("\"" + TOPICS + "#SetValue\"", request(TOPICS, "GetValue", "<Topic>a</Topic>"));
        assertThat(mismatch.status()).isEqualTo(500);
        assertThat(mismatch.body()).contains("<errorCode>401</errorCode>");
        Answer twice = call("GetValue", "<Topic>a</Topic><Topic>b</Topic>");
        assertThat(twice.body()).contains("<errorCode>402</errorCode>").contains("given twice");
        assertThat(counted("tributary.upnp.control", "result", "401")).isEqualTo(2);
        assertThat(counted("tributary.upnp.control", "result", "402")).isEqualTo(3);
        assertThat(counted("tributary.upnp.control", "result", "800")).isEqualTo(1);
    }

    @Test
    @DisplayName("bad bodies are 400 (not XML, DOCTYPE, wrong root) or 413 (over the limit) with a fault, counted;"
            + " other methods 405; the control URL keeps answering")
    void badBodies() {
        String action = "\"" + TOPICS + "#GetValue\"";
        Answer notXml = post(action, "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(notXml.status()).isEqualTo(400);
        assertThat(notXml.body()).contains("<errorCode>401</errorCode>");
        Answer doctype = post(action, ("<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x \"y\">]>"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(doctype.status()).isEqualTo(400);
        assertThat(doctype.body()).contains("DOCTYPE");
        Answer wrongRoot = post(action, "<Envelope><Body><GetValue/></Body></Envelope>"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(wrongRoot.status()).isEqualTo(400);
        Answer large = call("GetValue", "<Topic>" + "a".repeat(2000) + "</Topic>");
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.body()).contains("<faultstring>UPnPError</faultstring>");
        Answer mPost = client.send("M-POST", "/upnp/control/topics", Map.of("MAN",
                "\"http://schemas.xmlsoap.org/soap/envelope/\"; ns=01"), request(TOPICS, "GetValue", ""));
        assertThat(mPost.status()).isEqualTo(405);
        assertThat(mPost.headers().get("Allow")).isEqualTo("POST");
        assertThat(counted("tributary.upnp.control.rejected", "reason", "malformed-body")).isEqualTo(3);
        assertThat(counted("tributary.upnp.control.rejected", "reason", "body-too-large")).isEqualTo(1);
        assertThat(counted("tributary.upnp.control.rejected", "reason", "method")).isEqualTo(1);
        gateway.router().publish(Message.builder(Topic.of("demo/temp")).payload("1").retain(true).build());
        assertThat(call("GetValue", "<Topic>demo/temp</Topic>").status()).isEqualTo(200);
    }
}
