package io.tributary.upnp.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

import reactor.netty.http.server.HttpServerRequest;

/**
 * The real socket addresses of a request's connection (never derived from Host or Forwarded headers, which a
 * client chooses), with IPv4-mapped IPv6 addresses folded to IPv4.
 */
public final class Connections {

    private Connections() {
    }

    /**
     * @param request a server request
     * @return the address the request arrived on (this side of the connection)
     */
    public static InetSocketAddress local(HttpServerRequest request) {
        SocketAddress[] holder = new SocketAddress[1];
        request.withConnection(connection -> holder[0] = connection.channel().localAddress());
        return holder[0] instanceof InetSocketAddress ? (InetSocketAddress) holder[0] : null;
    }

    /**
     * @param request a server request
     * @return the address of the peer that sent it
     */
    public static InetSocketAddress remote(HttpServerRequest request) {
        SocketAddress[] holder = new SocketAddress[1];
        request.withConnection(connection -> holder[0] = connection.channel().remoteAddress());
        return holder[0] instanceof InetSocketAddress ? (InetSocketAddress) holder[0] : null;
    }

    /**
     * @param address an address
     * @return the IPv4 address for an IPv4-mapped IPv6 address, the address itself otherwise (scope dropped)
     */
    public static InetAddress normalize(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            mapped &= bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
            try {
                if (mapped) {
                    return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
                }
                return ((Inet6Address) address).getScopeId() != 0 ? InetAddress.getByAddress(bytes) : address;
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }
}
