package io.tributary.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsolePagesTest {

    @Test
    @DisplayName("a page is the layout around its own content, its title set and its navigation entry current")
    void rendersPageInLayout() {
        String coap = ConsolePages.render("coap", ConsolePagesTest::read);

        assertThat(coap).startsWith("<!doctype html>")
                .contains("<title>Tributary · CoAP</title>")
                .contains("    <a href=\"/ui/coap\" aria-current=\"page\">CoAP</a>\n")
                .contains("    <a href=\"/ui/topics\">Topics</a>\n")
                .contains("<main>\n<h1>CoAP endpoint</h1>\n<div id=\"coap\" hx-get=\"/ui/part/coap\"")
                .contains("<dialog id=\"login\">")
                .doesNotContain("{{");
        assertThat(coap.split("aria-current", -1)).hasSize(2);
    }

    @Test
    @DisplayName("only the five console pages exist")
    void pages() {
        assertThat(ConsolePages.exists("charts")).isTrue();
        assertThat(ConsolePages.exists("layout")).isFalse();
        assertThat(ConsolePages.exists("../console")).isFalse();
    }

    private static String read(String resource) {
        try (InputStream in = ConsolePagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
