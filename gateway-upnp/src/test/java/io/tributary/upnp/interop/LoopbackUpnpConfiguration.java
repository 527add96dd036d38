package io.tributary.upnp.interop;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;

import org.jupnp.DefaultUpnpServiceConfiguration;
import org.jupnp.transport.impl.NetworkAddressFactoryImpl;
import org.jupnp.transport.spi.DatagramIO;
import org.jupnp.transport.spi.InitializationException;
import org.jupnp.transport.spi.MulticastReceiver;
import org.jupnp.transport.spi.NetworkAddressFactory;

/**
 * A jUPnP configuration that uses only the loopback interface, so interop tests need neither root nor a network
 * namespace: the address factory accepts {@code lo} and 127.0.0.1 (jUPnP skips both by default), and no SSDP
 * socket is opened because the tests hand jUPnP the URLs directly.
 */
@SuppressWarnings("rawtypes") // jUPnP's transport SPI uses raw types
final class LoopbackUpnpConfiguration extends DefaultUpnpServiceConfiguration {

    LoopbackUpnpConfiguration() {
        super(0, 0);
    }

    @Override
    protected NetworkAddressFactory createNetworkAddressFactory(int streamListenPort, int multicastResponsePort) {
        try {
            return new LoopbackAddressFactory(streamListenPort, multicastResponsePort);
        } catch (InitializationException e) {
            throw new IllegalStateException("no usable loopback interface", e);
        }
    }

    @Override
    public MulticastReceiver createMulticastReceiver(NetworkAddressFactory networkAddressFactory) {
        return null;
    }

    @Override
    public DatagramIO createDatagramIO(NetworkAddressFactory networkAddressFactory) {
        return null;
    }

    /** Accepts the loopback interface and its IPv4 address only. */
    static final class LoopbackAddressFactory extends NetworkAddressFactoryImpl {

        LoopbackAddressFactory(int streamListenPort, int multicastResponsePort) throws InitializationException {
            super(streamListenPort, multicastResponsePort);
        }

        @Override
        protected boolean isUsableNetworkInterface(NetworkInterface iface) throws Exception {
            return iface.isUp() && iface.isLoopback();
        }

        @Override
        protected boolean isUsableAddress(NetworkInterface networkInterface, InetAddress address) {
            return address instanceof Inet4Address && address.isLoopbackAddress();
        }
    }
}
