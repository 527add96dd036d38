package io.tributary.pnp.xml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tributary.pnp.message.PnpMessage;

/**
 * Fuzzes the reader: whatever the bytes, it returns a message or throws {@link PnpParseException}, never anything
 * else; and whatever it returns can be written again. In {@code mvn verify} this runs in regression mode over the
 * seed corpus in {@code PnpReaderFuzzTestInputs/readNeverThrowsUntyped}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class PnpReaderFuzzTest {

    private static final PnpReader READER = PnpReader.create();
    private static final PnpWriter WRITER = PnpWriter.create();

    @FuzzTest(maxDuration = "30s")
    void readNeverThrowsUntyped(byte[] document) {
        PnpMessage message;
        try {
            message = READER.read(document);
        } catch (PnpParseException refused) {
            if (refused.reason() == null || refused.getMessage() == null) {
                throw new AssertionError("a refusal without reason or message", refused);
            }
            return;
        }
        WRITER.write(message);
    }
}
