package io.tributary.upnp.interop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jupnp.DefaultUpnpServiceConfiguration;
import org.jupnp.UpnpService;
import org.jupnp.UpnpServiceImpl;
import org.jupnp.binding.annotations.AnnotationLocalServiceBinder;
import org.jupnp.controlpoint.SubscriptionCallback;
import org.jupnp.model.DefaultServiceManager;
import org.jupnp.model.gena.CancelReason;
import org.jupnp.model.gena.GENASubscription;
import org.jupnp.model.message.UpnpResponse;
import org.jupnp.model.message.header.DeviceTypeHeader;
import org.jupnp.model.meta.DeviceDetails;
import org.jupnp.model.meta.DeviceIdentity;
import org.jupnp.model.meta.LocalDevice;
import org.jupnp.model.meta.LocalService;
import org.jupnp.model.meta.RemoteDevice;
import org.jupnp.model.meta.RemoteService;
import org.jupnp.model.state.StateVariableValue;
import org.jupnp.model.types.DeviceType;
import org.jupnp.model.types.ServiceType;
import org.jupnp.model.types.UDADeviceType;
import org.jupnp.model.types.UDN;
import org.jupnp.registry.DefaultRegistryListener;
import org.jupnp.registry.Registry;

/**
 * jUPnP 3.0.4 with its own SSDP, as a peer of the gateway in the namespace tests (run in a child JVM inside the
 * peers' namespace): a BinaryLight device with the SwitchPower service, and a control point that searches for
 * Tributary gateways, subscribes to their topics service and prints {@code found <udn> <type>},
 * {@code established}, {@code event <variable>=<value>}, {@code failed <message>}. Commands on stdin:
 * {@code set true|false} (the light), {@code stop}. Argument: the light's UUID.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // jUPnP's API is generic only in part
public final class JupnpPeer {

    private JupnpPeer() {
    }

    /**
     * @param args the light's UUID
     * @throws Exception when jUPnP does not start
     */
    public static void main(String[] args) throws Exception {
        UpnpService upnp = new UpnpServiceImpl(new DefaultUpnpServiceConfiguration());
        upnp.startup();
        LocalService<SwitchPower> service = new AnnotationLocalServiceBinder().read(SwitchPower.class);
        service.setManager(new DefaultServiceManager<>(service, SwitchPower.class));
        upnp.getRegistry().addDevice(new LocalDevice(new DeviceIdentity(UDN.valueOf(args[0])),
                new UDADeviceType("BinaryLight", 1), new DeviceDetails("Namespace light"), service));
        DeviceType gateway = new DeviceType("tributary-io", "Gateway", 1);
        upnp.getRegistry().addListener(new DefaultRegistryListener() {
            @Override
            public void remoteDeviceAdded(Registry registry, RemoteDevice device) {
                if (!device.getType().implementsVersion(gateway)) {
                    return;
                }
                say("found " + device.getIdentity().getUdn() + " " + device.getType());
                RemoteService topics = device.findService(new ServiceType("tributary-io", "Topics", 1));
                if (topics == null) {
                    say("failed no topics service");
                    return;
                }
                upnp.getControlPoint().execute(new SubscriptionCallback(topics, 1800) {
                    @Override
                    protected void established(GENASubscription subscription) {
                        say("established");
                    }

                    @Override
                    protected void failed(GENASubscription subscription, UpnpResponse response, Exception exception,
                                          String message) {
                        say("failed " + message);
                    }

                    @Override
                    protected void ended(GENASubscription subscription, CancelReason reason, UpnpResponse response) {
                        say("ended " + reason);
                    }

                    @Override
                    protected void eventReceived(GENASubscription subscription) {
                        Map<String, StateVariableValue> values = subscription.getCurrentValues();
                        values.forEach((name, value) -> say("event " + name + "=" + value));
                    }

                    @Override
                    protected void eventsMissed(GENASubscription subscription, int numberOfMissedEvents) {
                        say("missed " + numberOfMissedEvents);
                    }
                });
            }
        });
        upnp.getControlPoint().search(new DeviceTypeHeader(gateway));
        say("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("set ")) {
                service.getManager().getImplementation().setTarget(Boolean.parseBoolean(line.substring(4).trim()));
            } else if (line.equals("stop")) {
                upnp.shutdown();
                say("stopped");
                System.exit(0);
            }
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
