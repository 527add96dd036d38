package io.tributary.pnp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceStoreTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("records survive closing and reopening the store, with state counts rebuilt")
    void persists() {
        DeviceStore store = DeviceStore.open(dir).block(Duration.ofSeconds(10));
        store.update("S1", none -> DeviceRecord.first("S1", "PID:X,VID:,SN:S1", "X", 5)).block();
        DeviceRecord failed = store.update("S1", device -> device.answered(
                new StepResult(0, "image-install", false, "PnP Service Error 1806", "bad", 9),
                DeviceState.FAILED, 0, 3, 0, "image-install: 1806", 9)).block();
        store.update("S2", none -> DeviceRecord.first("S2", "PID:X,VID:,SN:S2", "X", 6)).block();
        assertThat(store.count(DeviceState.FAILED)).isEqualTo(1);
        store.close().block(Duration.ofSeconds(10));
        assertThat(Files.exists(dir.resolve(DeviceStore.FILE_NAME))).isTrue();

        DeviceStore reopened = DeviceStore.open(dir).block(Duration.ofSeconds(10));
        try {
            assertThat(reopened.get("S1").block()).isEqualTo(failed);
            assertThat(reopened.count(DeviceState.FAILED)).isEqualTo(1);
            assertThat(reopened.count(DeviceState.NEW)).isEqualTo(1);
            assertThat(reopened.all().map(DeviceRecord::serial).collectList().block()).containsExactly("S1", "S2");
            assertThat(reopened.get("S9").block()).isNull();
        } finally {
            reopened.close().block(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("at most the last 50 step results are kept per device")
    void boundedResults() {
        DeviceRecord device = DeviceRecord.first("S", "u", "p", 0);
        for (int i = 0; i < 60; i++) {
            device = device.answered(new StepResult(i, "cli-exec", true, null, null, i), DeviceState.PROVISIONING,
                    i + 1, 0, 0, null, i);
        }
        List<StepResult> results = device.results();
        assertThat(results).hasSize(DeviceRecord.MAX_RESULTS);
        assertThat(results.get(0).step()).isEqualTo(10);
    }
}
