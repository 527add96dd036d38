package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.netty.util.NetUtil;
import io.tributary.core.config.Settings;
import io.tributary.upnp.http.Connections;
import io.tributary.upnp.http.GenaHeaders;
import io.tributary.upnp.net.Cidr;

/**
 * CallStranger (CVE-2020-12695) defence for CALLBACK headers, after UDA 2.0 §4.1.1: at most
 * {@link PublisherConfig#MAX_CALLBACK_URLS} URLs of at most {@link PublisherConfig#MAX_CALLBACK_URL_LENGTH} bytes,
 * {@code http://} only, literal IP hosts only (host names are never resolved), and each host within the
 * {@link PublisherConfig#CALLBACK_SCOPE} or one of the {@link PublisherConfig#ALLOWED_NETWORKS}. URLs failing a
 * check are dropped; the request is refused when none remains.
 */
final class CallbackPolicy {

    private final CallbackScope scope;
    private final List<Cidr> allowedNetworks;
    private final int maxUrls;
    private final int maxUrlLength;
    private final LocalSubnets subnets = new LocalSubnets();

    /** @param publisher values of {@link PublisherConfig#SECTION} */
    CallbackPolicy(Settings publisher) {
        this.scope = publisher.get(PublisherConfig.CALLBACK_SCOPE);
        this.allowedNetworks = publisher.get(PublisherConfig.ALLOWED_NETWORKS);
        this.maxUrls = publisher.get(PublisherConfig.MAX_CALLBACK_URLS);
        this.maxUrlLength = publisher.get(PublisherConfig.MAX_CALLBACK_URL_LENGTH);
    }

    Verdict check(String header, InetAddress requester, InetAddress local) {
        List<String> urls = GenaHeaders.parseCallbacks(header, maxUrls);
        if (urls.isEmpty()) {
            return Verdict.refused(RejectReason.CALLBACK_MISSING, List.of());
        }
        if (urls.size() > maxUrls) {
            return Verdict.refused(RejectReason.CALLBACK_TOO_MANY, List.of());
        }
        List<String> accepted = new ArrayList<>(urls.size());
        List<RejectReason> dropped = new ArrayList<>(0);
        for (String url : urls) {
            RejectReason problem = problem(url, requester, local);
            if (problem == null) {
                accepted.add(url);
            } else {
                dropped.add(problem);
            }
        }
        return accepted.isEmpty() ? Verdict.refused(dropped.get(0), dropped) : new Verdict(accepted, null, dropped);
    }

    private RejectReason problem(String url, InetAddress requester, InetAddress local) {
        if (url.getBytes(StandardCharsets.UTF_8).length > maxUrlLength) {
            return RejectReason.CALLBACK_TOO_LONG;
        }
        if (!url.regionMatches(true, 0, "http://", 0, 7)) {
            return url.indexOf(':') > 0 ? RejectReason.CALLBACK_SCHEME : RejectReason.CALLBACK_MALFORMED;
        }
        String host;
        try {
            URI uri = new URI(url);
            host = uri.getHost();
            if (host == null || uri.getRawUserInfo() != null || uri.getPort() == 0 || uri.getPort() > 65535) {
                return RejectReason.CALLBACK_MALFORMED;
            }
        } catch (URISyntaxException e) {
            return RejectReason.CALLBACK_MALFORMED;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal == null) {
            return RejectReason.CALLBACK_HOST_NAME;
        }
        InetAddress target;
        try {
            target = Connections.normalize(InetAddress.getByAddress(literal));
        } catch (UnknownHostException e) {
            return RejectReason.CALLBACK_MALFORMED;
        }
        return inScope(target, requester, local) ? null : RejectReason.CALLBACK_OUT_OF_SCOPE;
    }

    private boolean inScope(InetAddress target, InetAddress requester, InetAddress local) {
        if (target.isAnyLocalAddress() || target.isMulticastAddress()) {
            return false;
        }
        for (Cidr network : allowedNetworks) {
            if (network.contains(target)) {
                return true;
            }
        }
        if (requester != null && target.equals(Connections.normalize(requester))) {
            return true;
        }
        if (scope == CallbackScope.SUBNET && local != null) {
            Optional<Cidr> subnet = subnets.subnetOf(local);
            return subnet.isPresent() && subnet.get().contains(target);
        }
        return false;
    }

    /** The outcome of a CALLBACK check: the usable URLs in order, or the reason for refusal. */
    record Verdict(List<String> accepted, RejectReason rejection, List<RejectReason> dropped) {
        static Verdict refused(RejectReason reason, List<RejectReason> dropped) {
            return new Verdict(List.of(), reason, dropped);
        }
    }
}
