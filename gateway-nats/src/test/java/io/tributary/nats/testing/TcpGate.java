package io.tributary.nats.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a server port that a test opens and closes: closed, it refuses connections and
 * cuts the relayed ones, so one client's outage can outlast another's. Two threads per relayed connection; for
 * tests only.
 */
public final class TcpGate implements AutoCloseable {

    private final int port = NatsServer.freePort();
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket listener;

    /** @param target the loopback port relayed to */
    public TcpGate(int target) {
        this.target = target;
    }

    /** @return the client URL of the gated server, e.g. {@code nats://127.0.0.1:40001} */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /**
     * Starts accepting and relaying.
     *
     * @return this gate
     */
    public synchronized TcpGate open() {
        if (listener != null) {
            return this;
        }
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSocket accepting = listener;
        Thread acceptor = new Thread(() -> accept(accepting), "gate-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    /** Stops accepting and cuts every relayed connection. */
    public synchronized void shut() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        sockets.forEach(TcpGate::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        shut();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            Socket client;
            try {
                client = accepting.accept();
            } catch (IOException e) {
                return; // shut
            }
            try {
                Socket server = new Socket("127.0.0.1", target);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client); // the target is down: the client sees its connection fail
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] chunk = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(chunk)) >= 0) {
                    out.write(chunk, 0, read);
                }
            } catch (IOException e) {
                // cut: close both ends below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "gate-pump-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
