package io.tributary.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.tributary.app.GatewayApplication;
import io.tributary.app.admin.AdminSurface;
import io.tributary.app.config.ConfigLoader;
import io.tributary.app.testing.LoopbackUpnpDevice;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client subcommands against a running gateway on loopback. */
class ClientCommandsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String TOKEN = "cli-test-token-0123456789";

    private GatewayApplication.Running running;
    private AdminSurface admin;
    private String http;
    private String coap;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        Settings config = new ConfigLoader().load(null, Map.of("TRIBUTARY_HTTP_PORT", "0",
                "TRIBUTARY_HTTP_HOST", "127.0.0.1", "TRIBUTARY_COAP_PORT", "0", "TRIBUTARY_COAP_HOST", "127.0.0.1",
                "TRIBUTARY_PNP_DATA_DIR", "client-commands-test/pnp-" + System.nanoTime(),
                "TRIBUTARY_ADMIN_TOKEN", TOKEN));
        running = new GatewayApplication(config).start().block(TIMEOUT);
        admin = AdminSurface.start(running, List.of()).block(TIMEOUT);
        http = "http://127.0.0.1:" + running.gateway().httpAddress().getPort();
        coap = "coap://127.0.0.1:" + running.coapPort();
    }

    @AfterEach
    void stop() {
        admin.stop().block(TIMEOUT);
        running.stop().block(TIMEOUT);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = TributaryCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    @DisplayName("coap put/get/delete: payload on stdout, code on stderr, exit code by class (2.xx 0, 4.xx 4)")
    void coapRequests() {
        assertThat(run("coap", "put", coap + "/ps/demo/cli", "--payload", "21.5")).isZero();
        assertThat(err.toString()).startsWith("2.01 Created");
        assertThat(run("coap", "get", coap + "/ps/demo/cli")).isZero();
        assertThat(out.toString()).isEqualTo("21.5" + System.lineSeparator());
        assertThat(err.toString()).startsWith("2.05 Content");
        assertThat(run("coap", "get", coap + "/ps/not/there")).isEqualTo(4);
        assertThat(err.toString()).startsWith("4.04 Not Found");
        assertThat(run("coap", "put", coap + "/ps/demo/cli")).as("put needs --payload or --file").isEqualTo(2);
    }

    @Test
    @DisplayName("coap observe prints the registration's value, then each notification, and stops after --count")
    void coapObserve() throws Exception {
        assertThat(run("coap", "put", coap + "/ps/demo/watched", "--payload", "21.5")).isZero();
        CompletableFuture<Integer> observe = CompletableFuture.supplyAsync(() -> run("coap", "observe",
                coap + "/ps/demo/watched", "--count", "1"));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (running.coap().endpoint().stats().observeRelations() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        // Same format as the registered value: a change of format would end the observation with 4.06.
        running.gateway().router().publish(Message.text(Topic.of("demo/watched"), "22.0").toBuilder().retain(true)
                .build());
        assertThat(observe.get()).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).isEqualTo("21.5" + System.lineSeparator() + "22.0" + System.lineSeparator());
        assertThat(err.toString()).startsWith("2.05 Content observe=");
    }

    @Test
    @DisplayName("coap discover lists the gateway's resources from /.well-known/core, one link per line")
    void coapDiscover() {
        assertThat(run("coap", "discover", coap, "--query", "rt=core.ps")).isZero();
        assertThat(out.toString().lines()).contains("</ps>;rt=\"core.ps\";ct=40");
    }

    @Test
    @DisplayName("coap put of a 3,000-byte file goes block-wise, and get reads it back whole")
    void coapLarge(@TempDir Path dir) throws Exception {
        String large = "x".repeat(3000);
        Path file = Files.writeString(dir.resolve("large.txt"), large);
        assertThat(run("coap", "put", coap + "/ps/demo/large", "--file", file.toString())).isZero();
        assertThat(run("coap", "get", coap + "/ps/demo/large")).isZero();
        assertThat(out.toString()).isEqualTo(large + System.lineSeparator());
    }

    @Test
    @DisplayName("coap get of a port nobody answers on exits 3 (no answer)")
    void coapNoAnswer() {
        assertThat(run("coap", "get", "coap://127.0.0.1:9/x", "--non", "--timeout", "1")).isEqualTo(3);
        assertThat(err.toString()).startsWith("no answer");
    }

    @Test
    @DisplayName("topics tail follows the live stream with a token and prints topic and payload")
    void topicsTail() throws Exception {
        int before = running.gateway().router().subscriptionCount();
        CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() -> run("topics", "tail", "demo/#",
                "--gateway", http, "--token", TOKEN, "--count", "1"));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (running.gateway().router().subscriptionCount() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        running.gateway().router().publish(Message.text(Topic.of("demo/tail"), "hello"));
        assertThat(tail.get()).isZero();
        assertThat(out.toString()).isEqualTo("demo/tail hello" + System.lineSeparator());
    }

    @Test
    @DisplayName("topics tail with a wrong token exits 4")
    void topicsTailRefused() {
        assertThat(run("topics", "tail", "#", "--gateway", http, "--token", "wrong-token-0000000000")).isEqualTo(4);
    }

    @Test
    @DisplayName("pnp simulate runs N agents to their end and prints the summary: unknown devices are backed off")
    void pnpSimulate() {
        assertThat(run("pnp", "simulate", "--server", http, "--devices", "3", "--serial-prefix", "CLI")).isZero();
        assertThat(out.toString()).contains("done              0").contains("backed off        3")
                .contains("failed            0");
    }

    @Test
    @DisplayName("upnp subscribe prints the initial event of the gateway's topics service")
    void upnpSubscribe() {
        running.gateway().router().publish(Message.builder(Topic.of("demo/volume")).payload("42").retain(true)
                .build());
        assertThat(run("upnp", "subscribe", http + "/upnp/event/topics", "--callback-host", "127.0.0.1",
                "--count", "1")).as(() -> err.toString()).isZero();
        assertThat(out.toString()).startsWith("SEQ 0 ").contains("demo.volume=42");
    }

    @Test
    @DisplayName("generate-completion prints a bash completion script naming the subcommands")
    void completion() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out.toString()).contains("complete -F").contains("coap").contains("topics");
    }

    @Test
    @DisplayName("upnp discover: a unicast M-SEARCH to a device on loopback prints its answer as a table, exit 0")
    void upnpDiscover() {
        try (LoopbackUpnpDevice device = LoopbackUpnpDevice.start()) {
            assertThat(run("upnp", "discover", "--target", "127.0.0.1:" + device.ssdpPort(), "--st",
                    "upnp:rootdevice", "--timeout", "1")).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).matches("USN +ST +LOCATION +SERVER");
            String[] cells = lines.get(1).split(" +", 4);
            assertThat(cells).hasSize(4);
            assertThat(List.of(cells).subList(0, 3)).containsExactly(device.udn() + "::upnp:rootdevice",
                    "upnp:rootdevice", device.location());
            assertThat(cells[3]).as("SERVER").matches("\\S+ UPnP/\\d\\.\\d Tributary/0\\.1");
            assertThat(lines.get(1).indexOf(cells[1], cells[0].length())).as("columns line up")
                    .isEqualTo(lines.get(0).indexOf("ST"));
            assertThat(err.toString()).startsWith("1 answer(s)");
        }
    }

    @Test
    @DisplayName("upnp discover: nobody answering exits 3 with the table's header only; a bad MX is a usage error")
    void upnpDiscoverNoAnswer() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            assertThat(run("upnp", "discover", "--target", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "1"))
                    .isEqualTo(3);
            assertThat(out.toString().lines()).containsExactly("USN  ST  LOCATION  SERVER");
            assertThat(err.toString()).startsWith("0 answer(s)");
        }
        assertThat(run("upnp", "discover", "--mx", "9")).isEqualTo(2);
        assertThat(err.toString()).contains("MX must be 1 to 5 seconds, was 9");
    }
}
