package io.tributary.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The shared listener under hostile clients. The timeouts are configured short (hundreds of milliseconds) and every
 * assertion is on what the client sees (an answer, or the connection closed), never on how long it took; a socket
 * read timeout of 10 s only turns a listener that never closes into a failure instead of a hang.
 */
class HttpListenerLimitsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Socket> sockets = new ArrayList<>();
    private RunningGateway running;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (running != null) {
            StepVerifier.create(running.stop()).verifyComplete();
        }
    }

    private int start(Settings http) {
        running = Gateway.create().http(http.with(HttpListenerConfig.HOST, "127.0.0.1")
                        .with(HttpListenerConfig.PORT, 0))
                .meterRegistry(registry).start().block(Duration.ofSeconds(10));
        return running.httpAddress().getPort();
    }

    private Socket connect(String from, int port) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Reads until the server closes the connection and returns what it sent; a connection the server reset counts as
     * closed, with what arrived before the reset.
     */
    private static String readToClose(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        InputStream in = socket.getInputStream();
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                received.write(chunk, 0, n);
            }
        } catch (SocketException reset) {
            // Closed by the server with a reset rather than a FIN: still closed.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends one keep-alive request and reads its whole answer, leaving the connection open; returns the status line. */
    private static String keepAlive(Socket socket) throws IOException {
        send(socket, "GET /health/live HTTP/1.1\r\nHost: gateway\r\n\r\n");
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            if (next < 0) {
                return "";
            }
            head.append((char) next);
        }
        int length = Integer.parseInt(head.toString().replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        in.readNBytes(length);
        return head.substring(0, head.indexOf("\r\n"));
    }

    private double refused(String reason) {
        return registry.get("tributary.http.refused").tag("reason", reason).counter().count();
    }

    @Test
    @DisplayName("connections that send half a request header (slowloris) are closed after header-timeout, each counted")
    void slowloris() throws IOException {
        int port = start(HttpListenerConfig.defaults().with(HttpListenerConfig.HEADER_TIMEOUT, Duration.ofMillis(300)));
        List<Socket> half = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Socket socket = connect("127.0.0.1", port);
            send(socket, "GET /health/live HTTP/1.1\r\nHost: gateway\r\nX-Slow: ");
            half.add(socket);
        }
        for (Socket socket : half) {
            assertThat(readToClose(socket)).as("nothing is answered to a request whose headers never end").isEmpty();
        }
        assertThat(refused("header-timeout")).isEqualTo(50.0);
        Socket whole = connect("127.0.0.1", port);
        send(whole, "GET /health/live HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n");
        assertThat(readToClose(whole)).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    @DisplayName("a client over its per-address cap is closed at once while another address is served")
    void perAddressCap() throws IOException {
        int port = start(HttpListenerConfig.defaults().with(HttpListenerConfig.MAX_CONNECTIONS_PER_ADDRESS, 2));
        // Each held connection is answered first, so the server has surely admitted it before the next one comes.
        assertThat(keepAlive(connect("127.0.0.1", port))).isEqualTo("HTTP/1.1 200 OK");
        assertThat(keepAlive(connect("127.0.0.1", port))).isEqualTo("HTTP/1.1 200 OK");
        assertThat(readToClose(connect("127.0.0.1", port))).as("a third connection from 127.0.0.1 is closed unread")
                .isEmpty();
        assertThat(keepAlive(connect("127.0.0.2", port))).as("another address is served").isEqualTo("HTTP/1.1 200 OK");
        assertThat(refused("connections-per-address")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("the total connection cap closes further connections")
    void totalCap() throws IOException {
        int port = start(HttpListenerConfig.defaults().with(HttpListenerConfig.MAX_CONNECTIONS, 3));
        for (int i = 1; i <= 3; i++) {
            assertThat(keepAlive(connect("127.0.0." + i, port))).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(readToClose(connect("127.0.0.9", port))).isEmpty();
        assertThat(refused("connections")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("too many header fields get 431, oversized headers 431, an overlong request line 414; all counted")
    void headerLimits() throws IOException {
        int port = start(HttpListenerConfig.defaults().with(HttpListenerConfig.MAX_HEADERS, 10)
                .with(HttpListenerConfig.MAX_HEADER_SIZE, 1024).with(HttpListenerConfig.MAX_REQUEST_LINE, 256));
        StringBuilder many = new StringBuilder("GET /health/live HTTP/1.1\r\nHost: gateway\r\n");
        for (int i = 0; i < 11; i++) {
            many.append("X-").append(i).append(": y\r\n");
        }
        Socket fields = connect("127.0.0.1", port);
        send(fields, many.append("\r\n").toString());
        assertThat(readToClose(fields)).startsWith("HTTP/1.1 431 ");

        Socket size = connect("127.0.0.1", port);
        send(size, "GET /health/live HTTP/1.1\r\nHost: gateway\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
        assertThat(readToClose(size)).startsWith("HTTP/1.1 431 ");

        Socket line = connect("127.0.0.1", port);
        send(line, "GET /" + "a".repeat(600) + " HTTP/1.1\r\nHost: gateway\r\n\r\n");
        assertThat(readToClose(line)).startsWith("HTTP/1.1 414 ");

        assertThat(refused("header-fields")).isEqualTo(1.0);
        assertThat(refused("header-size")).isEqualTo(1.0);
        assertThat(refused("request-line")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a body that stops arriving gets 408 after body-timeout, counted")
    void slowBody() throws IOException {
        int port = start(HttpListenerConfig.defaults().with(HttpListenerConfig.BODY_TIMEOUT, Duration.ofMillis(300)));
        // Like every handler of the gateway, this one reads the whole body before it answers.
        running.http().route(routes -> routes.post("/echo", (request, response) ->
                request.receive().aggregate().asString().flatMap(body -> response.sendString(Mono.just(body)).then())));
        Socket socket = connect("127.0.0.1", port);
        send(socket, "POST /echo HTTP/1.1\r\nHost: gateway\r\nContent-Length: 100\r\n\r\nonly a little");
        assertThat(readToClose(socket)).startsWith("HTTP/1.1 408 ");
        assertThat(refused("body-timeout")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("an idle keep-alive connection is closed after idle-timeout")
    void idleKeepAlive() throws IOException {
        int port = start(HttpListenerConfig.defaults().with(HttpListenerConfig.IDLE_TIMEOUT, Duration.ofMillis(300)));
        Socket socket = connect("127.0.0.1", port);
        send(socket, "GET /health/live HTTP/1.1\r\nHost: gateway\r\n\r\n");
        assertThat(readToClose(socket)).as("one answer, then the idle connection is closed")
                .startsWith("HTTP/1.1 200 OK").containsOnlyOnce("HTTP/1.1");
    }
}
