package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.tributary.core.config.Settings;
import io.tributary.coap.message.CoapMessage;
import io.tributary.core.time.VirtualClock;

/** One stack on a virtual clock whose channel is a list of sent messages; everything runs on the test thread. */
final class StackHarness implements Outbound {

    record Sent(CoapMessage message, InetSocketAddress recipient, long atNanos) {
        double atSeconds() {
            return atNanos / 1e9;
        }
    }

    final VirtualClock timer;
    final CoapStats stats = new CoapStats();
    final List<Sent> sent = new ArrayList<>();
    final CoapStack stack;

    StackHarness(Settings config, Responder responder) {
        this(config, responder, new VirtualClock());
    }

    StackHarness(Settings config, Responder responder, VirtualClock timer) {
        this.timer = timer;
        this.stack = new CoapStack(config, this, timer, stats, CoapStack.messageIds(config), responder, 42L, true);
    }

    @Override
    public void send(CoapMessage message, InetSocketAddress recipient) {
        sent.add(new Sent(message, recipient, timer.nanoTime()));
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public boolean inEventLoop() {
        return true;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    List<Sent> takeSent() {
        List<Sent> copy = new ArrayList<>(sent);
        sent.clear();
        return copy;
    }
}
