package io.tributary.bench.coap;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapCodec;
import io.tributary.coap.message.CoapFormatException;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
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
 * Encode and decode of a typical GET (CON, 4-byte token, Uri-Path sensors/temp, Uri-Query, Accept) and of its
 * 2.05 response (ACK, Content-Format, Max-Age, 20-byte JSON payload), into and out of pooled direct buffers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CoapCodecBenchmark {

    private CoapMessage get;
    private CoapMessage content;
    private ByteBuf getWire;
    private ByteBuf contentWire;
    private ByteBuf out;

    /** Builds the two messages and their encodings. */
    @Setup
    public void setUp() {
        get = CoapMessage.builder(CoapType.CON, CoapCode.GET).messageId(0x1234).token(new byte[] {1, 2, 3, 4})
                .options(CoapOptions.builder().uriPath("/sensors/temp").add(CoapOption.URI_QUERY, "unit=c")
                        .addUint(CoapOption.ACCEPT, 50).build()).build();
        content = CoapMessage.builder(CoapType.ACK, CoapCode.CONTENT).messageId(0x1234).token(new byte[] {1, 2, 3, 4})
                .options(CoapOptions.builder().addUint(CoapOption.CONTENT_FORMAT, 50)
                        .addUint(CoapOption.MAX_AGE, 30).build())
                .payload("{\"temp\":21.5,\"u\":\"C\"}".getBytes()).build();
        getWire = Unpooled.directBuffer(64);
        CoapCodec.encode(get, getWire);
        contentWire = Unpooled.directBuffer(64);
        CoapCodec.encode(content, contentWire);
        out = PooledByteBufAllocator.DEFAULT.directBuffer(256);
    }

    /** @return the decoded GET */
    @Benchmark
    public CoapMessage decodeGet() throws CoapFormatException {
        return CoapCodec.decode(getWire);
    }

    /** @return the decoded 2.05 */
    @Benchmark
    public CoapMessage decodeContent() throws CoapFormatException {
        return CoapCodec.decode(contentWire);
    }

    /** @return the encoded size of the GET */
    @Benchmark
    public int encodeGet() {
        out.clear();
        CoapCodec.encode(get, out);
        return out.writerIndex();
    }

    /** @return the encoded size of the 2.05 */
    @Benchmark
    public int encodeContent() {
        out.clear();
        CoapCodec.encode(content, out);
        return out.writerIndex();
    }
}
