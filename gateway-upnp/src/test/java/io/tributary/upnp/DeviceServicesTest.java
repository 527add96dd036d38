package io.tributary.upnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.description.DeviceConfig;
import io.tributary.upnp.description.DeviceDocuments;
import io.tributary.upnp.testing.UdaSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class DeviceServicesTest {

    private static final String UDN = "uuid:5a1c0d3e-9b7f-4c2a-8e61-0f2d4b6a8c10";

    private final Router router = Router.create();
    private final VirtualClock clock = new VirtualClock();
    private DeviceServices services;

    @AfterEach
    void stop() {
        if (services != null) {
            services.stop();
        }
    }

    private static Settings kitchen() {
        Settings temperature = UpnpConfig.VARIABLE.defaults()
                .with(UpnpConfig.VARIABLE_TOPIC, Topic.of("coap/kitchen/temp"))
                .with(UpnpConfig.VARIABLE_NAME, "Temperature")
                .with(UpnpConfig.VARIABLE_DATA_TYPE, "r8")
                .with(UpnpConfig.VARIABLE_MULTICAST, true);
        Settings door = UpnpConfig.VARIABLE.defaults()
                .with(UpnpConfig.VARIABLE_TOPIC, Topic.of("coap/kitchen/door"))
                .with(UpnpConfig.VARIABLE_NAME, "Door");
        return UpnpConfig.SERVICE.defaults().with(UpnpConfig.SERVICE_PATH, "/upnp/event/kitchen")
                .with(UpnpConfig.SERVICE_VARIABLES, List.of(temperature, door));
    }

    private DeviceDocuments documents(Settings upnp) {
        services = new DeviceServices(upnp.validate(), router, clock);
        return services.documents(upnp.get(UpnpConfig.DEVICE), UDN).block(Duration.ofSeconds(5));
    }

    private static String text(byte[] document) {
        return new String(document, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("UDA §2.3: the device description names the Gateway:1 root device, its services with relative URLs,"
            + " no URLBase, and is valid against the device schema")
    void deviceDescription() throws Exception {
        DeviceDocuments documents = documents(UpnpConfig.defaults()
                .with(UpnpConfig.DEVICE, DeviceConfig.SERIAL_NUMBER, "GW-0001")
                .with(UpnpConfig.DEVICE, DeviceConfig.PRESENTATION_URL, "/ui")
                .with(UpnpConfig.SERVICES, List.of(kitchen())));
        byte[] description = documents.description();
        assertThat(text(description)).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\" configId=\"" + documents.configId() + "\">\n"
                + "  <specVersion>\n"
                + "    <major>1</major>\n"
                + "    <minor>1</minor>\n"
                + "  </specVersion>\n"
                + "  <device>\n"
                + "    <deviceType>urn:tributary-io:device:Gateway:1</deviceType>\n"
                + "    <friendlyName>Tributary gateway</friendlyName>\n"
                + "    <manufacturer>Tributary</manufacturer>\n"
                + "    <modelName>Tributary Gateway</modelName>\n"
                + "    <modelNumber>0.1</modelNumber>\n"
                + "    <serialNumber>GW-0001</serialNumber>\n"
                + "    <UDN>" + UDN + "</UDN>\n"
                + "    <serviceList>\n"
                + "      <service>\n"
                + "        <serviceType>urn:tributary-io:service:Topics:1</serviceType>\n"
                + "        <serviceId>urn:tributary-io:serviceId:Topics</serviceId>\n"
                + "        <SCPDURL>/upnp/scpd/topics.xml</SCPDURL>\n"
                + "        <controlURL>/upnp/control/topics</controlURL>\n"
                + "        <eventSubURL>/upnp/event/topics</eventSubURL>\n"
                + "      </service>\n"
                + "      <service>\n"
                + "        <serviceType>urn:tributary-io:service:Kitchen:1</serviceType>\n"
                + "        <serviceId>urn:tributary-io:serviceId:Kitchen</serviceId>\n"
                + "        <SCPDURL>/upnp/scpd/kitchen.xml</SCPDURL>\n"
                + "        <controlURL>/upnp/control/kitchen</controlURL>\n"
                + "        <eventSubURL>/upnp/event/kitchen</eventSubURL>\n"
                + "      </service>\n"
                + "    </serviceList>\n"
                + "    <presentationURL>/ui</presentationURL>\n"
                + "  </device>\n"
                + "</root>\n");
        assertThat(documents.configId()).isBetween(0, 16_777_215);
        UdaSchemas.validateDevice(description);
    }

    @Test
    @DisplayName("UDA §2.5: the topics SCPD lists GetValue, SetValue and ListTopics and one evented string variable"
            + " per retained topic, valid against the service schema")
    void topicsScpd() throws Exception {
        router.publish(Message.builder(Topic.of("demo/temp")).payload("21.5").retain(true).build());
        router.publish(Message.builder(Topic.of("1wire/room 2")).payload("on").retain(true).build());
        router.publish(Message.text(Topic.of("demo/not-retained"), "x"));
        DeviceDocuments documents = documents(UpnpConfig.defaults());
        byte[] scpd = documents.scpd("/upnp/scpd/topics.xml");
        assertThat(text(scpd)).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<scpd xmlns=\"urn:schemas-upnp-org:service-1-0\" configId=\"" + documents.configId() + "\">\n"
                + "  <specVersion>\n"
                + "    <major>1</major>\n"
                + "    <minor>1</minor>\n"
                + "  </specVersion>\n"
                + "  <actionList>\n"
                + "    <action>\n"
                + "      <name>GetValue</name>\n"
                + "      <argumentList>\n"
                + "        <argument>\n"
                + "          <name>Topic</name>\n"
                + "          <direction>in</direction>\n"
                + "          <relatedStateVariable>A_ARG_TYPE_Topic</relatedStateVariable>\n"
                + "        </argument>\n"
                + "        <argument>\n"
                + "          <name>Value</name>\n"
                + "          <direction>out</direction>\n"
                + "          <relatedStateVariable>A_ARG_TYPE_Value</relatedStateVariable>\n"
                + "        </argument>\n"
                + "      </argumentList>\n"
                + "    </action>\n"
                + "    <action>\n"
                + "      <name>SetValue</name>\n"
                + "      <argumentList>\n"
                + "        <argument>\n"
                + "          <name>Topic</name>\n"
                + "          <direction>in</direction>\n"
                + "          <relatedStateVariable>A_ARG_TYPE_Topic</relatedStateVariable>\n"
                + "        </argument>\n"
                + "        <argument>\n"
                + "          <name>Value</name>\n"
                + "          <direction>in</direction>\n"
                + "          <relatedStateVariable>A_ARG_TYPE_Value</relatedStateVariable>\n"
                + "        </argument>\n"
                + "      </argumentList>\n"
                + "    </action>\n"
                + "    <action>\n"
                + "      <name>ListTopics</name>\n"
                + "      <argumentList>\n"
                + "        <argument>\n"
                + "          <name>Filter</name>\n"
                + "          <direction>in</direction>\n"
                + "          <relatedStateVariable>A_ARG_TYPE_Filter</relatedStateVariable>\n"
                + "        </argument>\n"
                + "        <argument>\n"
                + "          <name>Topics</name>\n"
                + "          <direction>out</direction>\n"
                + "          <relatedStateVariable>A_ARG_TYPE_Topics</relatedStateVariable>\n"
                + "        </argument>\n"
                + "      </argumentList>\n"
                + "    </action>\n"
                + "  </actionList>\n"
                + "  <serviceStateTable>\n"
                + "    <stateVariable sendEvents=\"no\">\n"
                + "      <name>A_ARG_TYPE_Topic</name>\n"
                + "      <dataType>string</dataType>\n"
                + "    </stateVariable>\n"
                + "    <stateVariable sendEvents=\"no\">\n"
                + "      <name>A_ARG_TYPE_Value</name>\n"
                + "      <dataType>string</dataType>\n"
                + "    </stateVariable>\n"
                + "    <stateVariable sendEvents=\"no\">\n"
                + "      <name>A_ARG_TYPE_Filter</name>\n"
                + "      <dataType>string</dataType>\n"
                + "    </stateVariable>\n"
                + "    <stateVariable sendEvents=\"no\">\n"
                + "      <name>A_ARG_TYPE_Topics</name>\n"
                + "      <dataType>string</dataType>\n"
                + "    </stateVariable>\n"
                + "    <stateVariable sendEvents=\"yes\">\n"
                + "      <name>_1wire.room_2</name>\n"
                + "      <dataType>string</dataType>\n"
                + "    </stateVariable>\n"
                + "    <stateVariable sendEvents=\"yes\">\n"
                + "      <name>demo.temp</name>\n"
                + "      <dataType>string</dataType>\n"
                + "    </stateVariable>\n"
                + "  </serviceStateTable>\n"
                + "</scpd>\n");
        UdaSchemas.validateService(scpd);
    }

    @Test
    @DisplayName("UDA §2.5, §4.3.3: a configured service's SCPD has no actions, its variables' data types and"
            + " multicast=\"yes\" from the configuration")
    void configuredScpd() throws Exception {
        DeviceDocuments documents = documents(UpnpConfig.defaults()
                .with(UpnpConfig.TOPICS_SERVICE, UpnpConfig.TOPICS_ENABLED, false)
                .with(UpnpConfig.SERVICES, List.of(kitchen())));
        byte[] scpd = documents.scpd("/upnp/scpd/kitchen.xml");
        assertThat(text(scpd)).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<scpd xmlns=\"urn:schemas-upnp-org:service-1-0\" configId=\"" + documents.configId() + "\">\n"
                + "  <specVersion>\n"
                + "    <major>1</major>\n"
                + "    <minor>1</minor>\n"
                + "  </specVersion>\n"
                + "  <serviceStateTable>\n"
                + "    <stateVariable sendEvents=\"yes\" multicast=\"yes\">\n"
                + "      <name>Temperature</name>\n"
                + "      <dataType>r8</dataType>\n"
                + "    </stateVariable>\n"
                + "    <stateVariable sendEvents=\"yes\">\n"
                + "      <name>Door</name>\n"
                + "      <dataType>string</dataType>\n"
                + "    </stateVariable>\n"
                + "  </serviceStateTable>\n"
                + "</scpd>\n");
        UdaSchemas.validateService(scpd);
        assertThat(services.evented.get(0).multicastVariables()).containsExactly("Temperature");
    }

    @Test
    @DisplayName("UDA 1.1 §1.1.2: a new retained topic renews the topics SCPD and CONFIGID once the delay has passed;"
            + " the same documents give the same CONFIGID")
    void configIdFollowsTopics() {
        DeviceDocuments documents = documents(UpnpConfig.defaults());
        int before = documents.configId();
        assertThat(new DeviceServices(UpnpConfig.defaults(), Router.create(), clock)
                .documents(DeviceConfig.defaults(), UDN).block(Duration.ofSeconds(5)).configId())
                .as("same documents, same CONFIGID").isEqualTo(before);
        StepVerifier.create(documents.configIdChanges())
                .then(() -> router.publish(Message.builder(Topic.of("demo/temp")).payload("21.5").retain(true)
                        .build()))
                .then(() -> {
                    clock.advance(Duration.ofMillis(1999));
                    assertThat(documents.configId()).as("not before the delay").isEqualTo(before);
                    assertThat(text(documents.scpd("/upnp/scpd/topics.xml"))).doesNotContain("demo.temp");
                    clock.advance(Duration.ofMillis(1));
                })
                .assertNext(changed -> {
                    assertThat(changed).isNotEqualTo(before).isEqualTo(documents.configId());
                    assertThat(text(documents.scpd("/upnp/scpd/topics.xml")))
                            .contains("<stateVariable sendEvents=\"yes\">\n      <name>demo.temp</name>")
                            .contains("configId=\"" + changed + "\"");
                    assertThat(text(documents.description())).contains("configId=\"" + changed + "\"");
                })
                .then(() -> {
                    router.publish(Message.builder(Topic.of("demo/temp")).payload("22").retain(true).build());
                    clock.advance(Duration.ofSeconds(10));
                    assertThat(clock.pending()).as("a new value of a known topic changes nothing").isZero();
                    router.publish(Message.builder(Topic.of("demo/temp")).retain(true).build());
                    clock.advance(Duration.ofSeconds(2));
                })
                .assertNext(cleared -> assertThat(cleared).as("a cleared topic leaves the SCPD: as before")
                        .isEqualTo(before))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("configured service types, identifiers and data types are checked at load time")
    void refused() {
        assertThatThrownBy(() -> kitchen().with(UpnpConfig.SERVICE_TYPE, "urn:x:device:Kitchen:1").validate())
                .hasMessageContaining("service-type");
        assertThatThrownBy(() -> UpnpConfig.VARIABLE.defaults().with(UpnpConfig.VARIABLE_TOPIC, Topic.of("a"))
                .with(UpnpConfig.VARIABLE_NAME, "A").with(UpnpConfig.VARIABLE_DATA_TYPE, "double").validate())
                .hasMessageContaining("data-type");
        assertThatThrownBy(() -> UpnpConfig.defaults().with(UpnpConfig.SERVICES, List.of(kitchen()
                .with(UpnpConfig.SERVICE_PATH, "/upnp/control/x"))).validate()).hasMessageContaining("already used");
    }
}
