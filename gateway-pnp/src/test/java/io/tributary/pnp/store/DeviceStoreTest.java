package io.tributary.pnp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

class DeviceStoreTest {

    @TempDir
    Path dir;

    private static DeviceRecord answer(DeviceStore store, String serial, StepResult result, DeviceState state) {
        DeviceRecord updated = store.update(serial, device -> device.answered(result, state, device.step() + 1, 0, 0,
                null, result.atMillis()));
        store.addResult(serial, updated.resultCount(), result);
        return updated;
    }

    @Test
    @DisplayName("records and results survive closing and reopening the store, with state counts rebuilt")
    void persists() {
        DeviceStore store = DeviceStore.open(dir).block(Duration.ofSeconds(10));
        store.update("S1", none -> DeviceRecord.first("S1", "PID:X,VID:,SN:S1", "X", 5));
        StepResult failure = new StepResult(0, "image-install", false, "PnP Service Error 1806", "bad", 9);
        DeviceRecord failed = answer(store, "S1", failure, DeviceState.FAILED);
        store.update("S2", none -> DeviceRecord.first("S2", "PID:X,VID:,SN:S2", "X", 6));
        assertThat(store.count(DeviceState.FAILED)).isEqualTo(1);
        StepVerifier.create(store.close()).verifyComplete();
        assertThat(Files.exists(dir.resolve(DeviceStore.FILE_NAME))).isTrue();

        DeviceStore reopened = DeviceStore.open(dir).block(Duration.ofSeconds(10));
        try {
            StepVerifier.create(reopened.get("S1")).expectNext(failed).verifyComplete();
            StepVerifier.create(reopened.results("S1")).expectNext(List.of(failure)).verifyComplete();
            assertThat(reopened.count(DeviceState.FAILED)).isEqualTo(1);
            assertThat(reopened.count(DeviceState.NEW)).isEqualTo(1);
            StepVerifier.create(reopened.all().map(DeviceRecord::serial)).expectNext("S1", "S2").verifyComplete();
            StepVerifier.create(reopened.get("S9")).as("a device never seen").verifyComplete();
            StepVerifier.create(reopened.status("S1")).expectNext(new DeviceStatus(failed, List.of(failure)))
                    .verifyComplete();
        } finally {
            StepVerifier.create(reopened.close()).verifyComplete();
        }
    }

    @Test
    @DisplayName("the last 50 step results are kept per device, oldest first")
    void boundedResults() {
        DeviceStore store = DeviceStore.open(dir).block(Duration.ofSeconds(10));
        try {
            store.update("S", none -> DeviceRecord.first("S", "u", "p", 0));
            for (int i = 0; i < 60; i++) {
                answer(store, "S", new StepResult(i, "cli-exec", true, null, null, i), DeviceState.PROVISIONING);
            }
            List<StepResult> results = store.results("S").block();
            assertThat(results).hasSize(DeviceStore.MAX_RESULTS);
            assertThat(results.get(0).step()).isEqualTo(10);
            assertThat(results.get(49).step()).isEqualTo(59);
            assertThat(store.get("S").block().resultCount()).isEqualTo(60);
        } finally {
            StepVerifier.create(store.close()).verifyComplete();
        }
    }
}
