package io.tributary.bench.pnp;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.pnp.message.DeviceId;
import io.tributary.pnp.message.DeviceInfo;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.WorkRequest;
import io.tributary.pnp.xml.PnpReader;
import io.tributary.pnp.xml.PnpWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the PnP codec on the two documents every provisioning round carries most: parsing and writing a work
 * request (457 bytes) and a full device-info response (1,886 bytes), with the hardened Woodstox reader.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PnpCodecBenchmark {

    static final String UDI = "PID:WS-C3750X-24T-E,VID:V04,SN:FDO1703P2EB";

    PnpReader reader;
    PnpWriter writer;
    PnpMessage workRequest;
    PnpMessage deviceInfo;
    byte[] workRequestBytes;
    byte[] deviceInfoBytes;

    /** Builds both documents once. */
    @Setup
    public void setUp() {
        reader = PnpReader.create();
        writer = PnpWriter.create();
        workRequest = PnpMessage.of(UDI, "CiscoPnP-1.0-1465-25A1212C", new WorkRequest(new DeviceId(UDI, "Switch",
                true, false, "Password in clear text in unsecured transport")));
        deviceInfo = PnpMessage.of(UDI, "CiscoPnP-1.0-1465-25A1212C", ServiceResponse.success(Service.DEVICE_INFO,
                new DeviceInfo(UDI, List.of(new DeviceInfo.StackMember(1, UDI), new DeviceInfo.StackMember(2, UDI)),
                        List.of(), new DeviceInfo.HardwareInfo("Switch", "Cisco", "WS-C3750X-24T-E", "PowerPC405",
                        "1.0", 536_870_912L, 67_108_864L, 1L, "A0", "B2", "", "lab"),
                        new DeviceInfo.ImageInfo("Cisco IOS Software, C3750E Software, Version 15.2(4)E7",
                                "flash:c3750e-universalk9-mz.152-4.E7.bin", "5660cb647e66fa22de8698a5acb7a8ed",
                                "power-on", "flash:c3750e-universalk9-mz.152-4.E7.bin", "", "", "0xF", "0xF"),
                        List.of(new DeviceInfo.FileSystem("bootflash", "flash", 255_744_000L, 120_004_608L, true,
                                        true),
                                new DeviceInfo.FileSystem("nvram", "nvram", 262_136L, 255_000L, true, true)),
                        List.of(new DeviceInfo.Profile("pnp-zero-touch", "PnP-DHCP", true,
                                new ServerAddress("http", "10.0.0.1", 80))))));
        workRequestBytes = writer.write(workRequest);
        deviceInfoBytes = writer.write(deviceInfo);
    }

    /** @return the parsed work request */
    @Benchmark
    public PnpMessage parseWorkRequest() {
        return reader.read(workRequestBytes);
    }

    /** @return the written work request */
    @Benchmark
    public byte[] writeWorkRequest() {
        return writer.write(workRequest);
    }

    /** @return the parsed device-info response */
    @Benchmark
    public PnpMessage parseDeviceInfoResponse() {
        return reader.read(deviceInfoBytes);
    }

    /** @return the written device-info response */
    @Benchmark
    public byte[] writeDeviceInfoResponse() {
        return writer.write(deviceInfo);
    }
}
