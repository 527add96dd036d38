package io.tributary.upnp.ssdp;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.tributary.core.log.RateLimitedLog;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.description.DeviceDocuments;
import io.tributary.upnp.http.Connections;
import io.tributary.upnp.net.Cidr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers M-SEARCH (UDA 2.0 §1.3): {@code MAN: "ssdp:discover"} and an ST are required; a multicast search needs
 * an {@code MX} and is answered after a random delay below it (capped at 5 s), a unicast search at once. Only
 * searchers in a subnet of the interface the search arrived on, or in an allowed network, are answered, and only
 * while the {@link ResponseLimiter} has tokens; everything else is dropped, counted and logged at a limited rate.
 * Each answer is one unicast response per matching notification, its LOCATION on the receiving interface's
 * address. Delays run on the clock; nothing waits on a thread.
 */
final class SearchResponder {

    private static final Logger LOG = LoggerFactory.getLogger(SearchResponder.class);
    private static final long MX_CAP_SECONDS = 5;

    private final Announcements announcements;
    private final LongSupplier bootId;
    private final LongSupplier configId;
    private final List<Cidr> allowedNetworks;
    private final ResponseLimiter limiter;
    private final SsdpTransport transport;
    private final SchedulingClock clock;
    private final Random random;
    private final SsdpMeters meters;
    private final int httpPort;
    private final RateLimitedLog dropped = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    SearchResponder(Announcements announcements, LongSupplier bootId, LongSupplier configId, List<Cidr> allowedNetworks,
                    ResponseLimiter limiter, SsdpTransport transport, SchedulingClock clock, Random random,
                    SsdpMeters meters, int httpPort) {
        this.announcements = announcements;
        this.bootId = bootId;
        this.configId = configId;
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.limiter = limiter;
        this.transport = transport;
        this.clock = clock;
        this.random = random;
        this.meters = meters;
        this.httpPort = httpPort;
    }

    /**
     * @param datagram an M-SEARCH
     * @param link the link it arrived on
     */
    void onSearch(SsdpDatagram datagram, SsdpLink link) {
        SsdpMessage search = datagram.message();
        String man = search.header(SsdpHeaders.MAN);
        if (man == null || !(SsdpHeaders.DISCOVER.equals(man) || "ssdp:discover".equals(man))) {
            drop("man-invalid", datagram, "MAN " + man);
            return;
        }
        String st = search.header(SsdpHeaders.ST);
        if (st == null || st.isEmpty()) {
            drop("st-missing", datagram, "no ST");
            return;
        }
        long delayMillis = 0;
        if (datagram.multicast()) {
            long mx = SsdpHeaders.mx(search.header(SsdpHeaders.MX));
            if (mx < 0) {
                drop("mx-invalid", datagram, "MX " + search.header(SsdpHeaders.MX));
                return;
            }
            long cap = Math.min(mx, MX_CAP_SECONDS) * 1000;
            delayMillis = cap == 0 ? 0 : random.nextInt((int) cap);
        }
        InetAddress searcher = Connections.normalize(datagram.sender().getAddress());
        if (!link.iface().inSubnet(searcher) && allowedNetworks.stream().noneMatch(net -> net.contains(searcher))) {
            drop("off-subnet", datagram, "not in a subnet of " + link.iface().name());
            return;
        }
        List<Announcements.Notification> answers = announcements.answers(st);
        if (answers.isEmpty()) {
            meters.search("no-match");
            return;
        }
        if (!limiter.tryAcquire(searcher, answers.size())) {
            drop("rate-limited", datagram, "answer rate reached");
            return;
        }
        meters.search("answered");
        if (delayMillis == 0) {
            respond(answers, datagram, link);
        } else {
            clock.schedule(() -> respond(answers, datagram, link), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void respond(List<Announcements.Notification> answers, SsdpDatagram search, SsdpLink link) {
        String location = link.location(httpPort, DeviceDocuments.DESCRIPTION_PATH);
        for (Announcements.Notification answer : answers) {
            transport.send(announcements.response(answer, location, bootId.getAsLong(), configId.getAsLong()),
                            search.sender(), link)
                    .subscribe(null, failure -> LOG.debug("search response to {} failed: {}", search.sender(),
                            failure.toString()));
        }
        meters.sent("response", answers.size());
    }

    private void drop(String reason, SsdpDatagram datagram, String detail) {
        meters.dropped(reason);
        dropped.warn("M-SEARCH from {} dropped ({}): {}", datagram.sender(), reason, detail);
    }
}
