package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.netty.util.NetUtil;
import io.tributary.upnp.http.Connections;
import io.tributary.upnp.http.GenaHeaders;

/**
 * CallStranger (CVE-2020-12695) defence for CALLBACK headers, after UDA 2.0 §4.1.1: at most {@code maxUrls} URLs
 * (default 6) of at most {@code maxUrlLength} bytes (default 256), {@code http://} only, literal IP hosts only
 * (host names are never resolved), and each host within the allowed scope: by default the requester's own address
 * or the subnet of the listener address the request arrived on ({@link Scope#SUBNET}), plus any configured
 * networks. URLs failing a check are dropped; the request is refused when none remains. Immutable.
 */
public final class CallbackPolicy {

    /** Which callback hosts are in scope besides the configured networks. */
    public enum Scope {
        /** Only the requester's own address (as miniupnpd and minidlna). */
        REQUESTER,
        /** The requester's address or any address in the listener's subnet (as GUPnP and pupnp; the default). */
        SUBNET
    }

    private static final CallbackPolicy DEFAULTS = new CallbackPolicy(Scope.SUBNET, List.of(), 6, 256);

    private final Scope scope;
    private final List<Cidr> allowedNetworks;
    private final int maxUrls;
    private final int maxUrlLength;

    private CallbackPolicy(Scope scope, List<Cidr> allowedNetworks, int maxUrls, int maxUrlLength) {
        this.scope = scope;
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.maxUrls = maxUrls;
        this.maxUrlLength = maxUrlLength;
    }

    /** @return the defaults: subnet scope, no extra networks, 6 URLs of 256 bytes */
    public static CallbackPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * @param value which hosts are in scope; default {@link Scope#SUBNET}
     * @return a new policy reference
     */
    public CallbackPolicy scope(Scope value) {
        return new CallbackPolicy(Objects.requireNonNull(value, "value"), allowedNetworks, maxUrls, maxUrlLength);
    }

    /**
     * @param networks networks whose hosts are always in scope, e.g. a Docker bridge; default none
     * @return a new policy reference
     */
    public CallbackPolicy allowedNetworks(List<Cidr> networks) {
        return new CallbackPolicy(scope, networks, maxUrls, maxUrlLength);
    }

    /**
     * @param count the most CALLBACK URLs accepted in one SUBSCRIBE, at least 1; default 6
     * @return a new policy reference
     */
    public CallbackPolicy maxUrls(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("max callback URLs must be at least 1, was " + count);
        }
        return new CallbackPolicy(scope, allowedNetworks, count, maxUrlLength);
    }

    /**
     * @param bytes the longest CALLBACK URL accepted, in bytes, at least 16; default 256
     * @return a new policy reference
     */
    public CallbackPolicy maxUrlLength(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("max callback URL length must be at least 16, was " + bytes);
        }
        return new CallbackPolicy(scope, allowedNetworks, maxUrls, bytes);
    }

    /** @return the scope */
    public Scope scope() {
        return scope;
    }

    /** @return the always-allowed networks */
    public List<Cidr> allowedNetworks() {
        return allowedNetworks;
    }

    /** @return the URL count limit */
    public int maxUrls() {
        return maxUrls;
    }

    /** @return the URL length limit in bytes */
    public int maxUrlLength() {
        return maxUrlLength;
    }

    Verdict check(String header, InetAddress requester, InetAddress local, LocalSubnets subnets) {
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
            RejectReason problem = problem(url, requester, local, subnets);
            if (problem == null) {
                accepted.add(url);
            } else {
                dropped.add(problem);
            }
        }
        return accepted.isEmpty() ? Verdict.refused(dropped.get(0), dropped) : new Verdict(accepted, null, dropped);
    }

    private RejectReason problem(String url, InetAddress requester, InetAddress local, LocalSubnets subnets) {
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
        } catch (java.net.UnknownHostException e) {
            return RejectReason.CALLBACK_MALFORMED;
        }
        return inScope(target, requester, local, subnets) ? null : RejectReason.CALLBACK_OUT_OF_SCOPE;
    }

    private boolean inScope(InetAddress target, InetAddress requester, InetAddress local, LocalSubnets subnets) {
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
        if (scope == Scope.SUBNET && local != null) {
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
