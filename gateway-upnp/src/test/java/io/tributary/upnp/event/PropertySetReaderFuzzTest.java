package io.tributary.upnp.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class PropertySetReaderFuzzTest {

    private static final PropertySetReader READER = PropertySetReader.create();
    private static final PropertySetWriter WRITER = PropertySetWriter.create();

    /**
     * Any input either reads as a property set or fails with {@link PropertySetException}; what reads writes back
     * to a document that reads as the same variables.
     */
    @FuzzTest(maxDuration = "30s")
    void propertySetReader(byte[] input) {
        PropertySet set;
        try {
            set = READER.read(input);
        } catch (PropertySetException expected) {
            return;
        }
        assertThat(set.skipped()).isNotNegative();
        PropertySet again = READER.read(WRITER.write(set));
        assertThat(again.size()).isEqualTo(set.size());
        for (int i = 0; i < set.size(); i++) {
            assertThat(again.properties().get(i).name()).isEqualTo(set.properties().get(i).name());
        }
    }
}
