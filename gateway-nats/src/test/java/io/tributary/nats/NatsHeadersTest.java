package io.tributary.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.nats.client.impl.Headers;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NatsHeadersTest {

    private static final Topic TOPIC = Topic.of("site1/temp");

    @Test
    @DisplayName("a local message carries content type, origin gateway, id, retain, time and form-encoded attributes")
    void outgoing() {
        Message message = Message.builder(TOPIC).payload("21.5").contentType("text/plain;charset=utf-8")
                .attributes(Map.of(Message.ORIGIN, "coap", Message.PEER, "[::1]:5683", "note", "a&b=c é"))
                .timestampMillis(1_700_000_000_123L).retain(true).build();
        Headers headers = NatsHeaders.of(message, "gw-1", 42);
        assertThat(headers.getFirst("Content-Type")).isEqualTo("text/plain;charset=utf-8");
        assertThat(headers.getFirst("Tributary-Origin")).isEqualTo("gw-1 42 1700000000123");
        assertThat(headers.getFirst("Tributary-Retain")).isEqualTo("true");
        assertThat(NatsHeaders.gateway(headers)).isEqualTo("gw-1");
        assertThat(headers.keySet()).containsExactlyInAnyOrder("Tributary-Origin", "Tributary-Retain", "Content-Type",
                "Tributary-Attributes");
        assertThat(headers.getFirst("Tributary-Attributes"))
                .isEqualTo("note=a%26b%3Dc+%C3%A9&origin=coap&peer=%5B%3A%3A1%5D%3A5683");
    }

    @Test
    @DisplayName("an imported message is origin=nats, keeps the exporter's adapter, gateway, id and attributes")
    void incoming() {
        Message local = Message.builder(TOPIC).payload("21.5").contentType("text/plain")
                .attributes(Map.of(Message.ORIGIN, "coap", "note", "a&b")).timestampMillis(5).retain(true).build();
        Message imported = NatsHeaders.toMessage(TOPIC, NatsHeaders.of(local, "gw-1", 7), local.payloadBytes());
        assertThat(imported.topic()).isEqualTo(TOPIC);
        assertThat(imported.payloadUtf8()).isEqualTo("21.5");
        assertThat(imported.contentType()).isEqualTo("text/plain");
        assertThat(imported.timestampMillis()).isEqualTo(5);
        assertThat(imported.retain()).isTrue();
        assertThat(imported.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(Message.ORIGIN, "nats",
                "nats.adapter", "coap", "nats.gateway", "gw-1", "nats.id", "7", "note", "a&b"));
        assertThat(NatsHeaders.sameExport(imported, NatsHeaders.toMessage(TOPIC, NatsHeaders.of(local, "gw-1", 7),
                new byte[0]))).isTrue();
        assertThat(NatsHeaders.sameExport(imported, NatsHeaders.toMessage(TOPIC, NatsHeaders.of(local, "gw-1", 8),
                new byte[0]))).isFalse();
        assertThat(NatsHeaders.sameExport(imported, local)).isFalse();
    }

    @Test
    @DisplayName("a message from another NATS client, without our headers, comes in as a plain origin=nats message")
    void foreign() {
        Message imported = NatsHeaders.toMessage(TOPIC, null, "raw".getBytes(StandardCharsets.UTF_8));
        assertThat(imported.attributes()).isEqualTo(Map.of(Message.ORIGIN, "nats"));
        assertThat(NatsHeaders.gateway(null)).isNull();
        assertThat(NatsHeaders.gateway(new Headers().put("Tributary-Origin", "garbled"))).isNull();
        assertThat(imported.retain()).isFalse();
        assertThat(imported.contentType()).isNull();
    }

    @Test
    @DisplayName("a content type that is not printable ASCII is left out rather than break the header block")
    void unprintableContentType() {
        Headers headers = NatsHeaders.of(Message.builder(TOPIC).contentType("text/é").build(), "gw", 1);
        assertThat(headers.containsKey("Content-Type")).isFalse();
    }

    @Test
    @DisplayName("the key-value envelope is the header block as on the wire, then the payload; it unwraps exactly")
    void envelope() {
        Headers headers = new Headers().put("Tributary-Origin", "gw-1").put("Content-Type", "text/plain");
        byte[] value = NatsHeaders.envelope(headers, "21.5".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(value, StandardCharsets.UTF_8))
                .isEqualTo("NATS/1.0\r\nTributary-Origin:gw-1\r\nContent-Type:text/plain\r\n\r\n21.5");
        NatsHeaders.Unwrapped unwrapped = NatsHeaders.unwrap(value);
        assertThat(unwrapped.payload()).isEqualTo("21.5".getBytes(StandardCharsets.UTF_8));
        assertThat(unwrapped.headers().getFirst("Tributary-Origin")).isEqualTo("gw-1");
        assertThat(unwrapped.headers().getFirst("Content-Type")).isEqualTo("text/plain");
        assertThat(NatsHeaders.unwrap(NatsHeaders.envelope(new Headers(), new byte[] {0, '\r', '\n'})).payload())
                .containsExactly(0, '\r', '\n');
    }

    @Test
    @DisplayName("a value written by another client (no envelope, or a broken one) is all payload")
    void plainValue() {
        assertThat(NatsHeaders.unwrap("21.5".getBytes(StandardCharsets.UTF_8)).headers()).isNull();
        byte[] broken = "NATS/1.0\r\nA:b".getBytes(StandardCharsets.UTF_8);
        assertThat(NatsHeaders.unwrap(broken).headers()).isNull();
        assertThat(NatsHeaders.unwrap(broken).payload()).isEqualTo(broken);
    }
}
