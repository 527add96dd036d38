package io.tributary.pnp.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Device records in an H2 MVStore file ({@code devices.mv.db}) under a data directory, as JSON by serial.
 *
 * <p>MVStore calls can do blocking file I/O, so every one runs on this store's own single thread
 * ({@code pnp-store}), never on an event loop. One thread also makes each {@link #update} an atomic
 * read-modify-write without locks. MVStore's background writer commits changes about once a second; a crash
 * loses at most that much, and the protocol recovers (the device repeats its current step). {@link #close()}
 * commits everything.
 */
public final class DeviceStore {

    /** File name of the store inside the data directory. */
    public static final String FILE_NAME = "devices.mv.db";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStore.class);

    private final MVStore store;
    private final MVMap<String, byte[]> devices;
    private final Scheduler thread;
    private final ObjectMapper json;
    private final Map<DeviceState, AtomicLong> counts = new EnumMap<>(DeviceState.class);

    private DeviceStore(MVStore store, Scheduler thread, ObjectMapper json) {
        this.store = store;
        this.devices = store.openMap("devices");
        this.thread = thread;
        this.json = json;
        for (DeviceState state : DeviceState.values()) {
            counts.put(state, new AtomicLong());
        }
        for (byte[] value : devices.values()) {
            counts.get(decode(value).state()).incrementAndGet();
        }
    }

    /**
     * Opens (creating if needed) the store in a directory, on the store's own thread.
     *
     * @param directory the data directory, created if missing
     * @return the open store
     */
    public static Mono<DeviceStore> open(Path directory) {
        Scheduler thread = Schedulers.newSingle("pnp-store", true);
        return Mono.fromCallable(() -> {
            Files.createDirectories(directory);
            MVStore store = new MVStore.Builder().fileName(directory.resolve(FILE_NAME).toString()).open();
            store.setAutoCommitDelay(1000);
            DeviceStore opened = new DeviceStore(store, thread, mapper());
            LOG.info("PnP device store {} open with {} devices", directory.resolve(FILE_NAME), opened.size());
            return opened;
        }).subscribeOn(thread).doOnError(failure -> thread.dispose());
    }

    /** @return the JSON mapper used for device records, shared with the status endpoints */
    public static ObjectMapper mapper() {
        return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /**
     * @param serial the device's serial
     * @return its record, or empty when the device was never seen
     */
    public Mono<DeviceRecord> get(String serial) {
        return Mono.fromCallable(() -> {
            byte[] value = devices.get(serial);
            return value == null ? null : decode(value);
        }).subscribeOn(thread);
    }

    /**
     * Changes one record atomically: reads it (or {@code null}), applies the change, writes the result.
     *
     * @param serial the device's serial
     * @param change maps the current record ({@code null} when new) to the new one; pure, it runs on the store
     *               thread
     * @return the new record
     */
    public Mono<DeviceRecord> update(String serial, UnaryOperator<DeviceRecord> change) {
        return Mono.fromCallable(() -> {
            byte[] value = devices.get(serial);
            DeviceRecord before = value == null ? null : decode(value);
            DeviceRecord after = change.apply(before);
            if (after != before) {
                devices.put(serial, encode(after));
                if (before != null) {
                    counts.get(before.state()).decrementAndGet();
                }
                counts.get(after.state()).incrementAndGet();
            }
            return after;
        }).subscribeOn(thread);
    }

    /** @return every record, ordered by serial */
    public Flux<DeviceRecord> all() {
        return Mono.fromCallable(() -> {
            List<DeviceRecord> all = new ArrayList<>(devices.size());
            for (byte[] value : devices.values()) {
                all.add(decode(value));
            }
            return all;
        }).subscribeOn(thread).flatMapIterable(list -> list);
    }

    /** @return the number of devices stored */
    public int size() {
        return devices.size();
    }

    /**
     * @param state a state
     * @return how many devices are in it now
     */
    public long count(DeviceState state) {
        return counts.get(state).get();
    }

    /** @return completes when everything is committed and the file closed */
    public Mono<Void> close() {
        return Mono.<Void>fromRunnable(() -> {
            if (!store.isClosed()) {
                store.close();
            }
        }).subscribeOn(thread).doFinally(signal -> thread.dispose());
    }

    /**
     * @param record a record
     * @return it as JSON
     */
    public byte[] encode(DeviceRecord record) {
        try {
            return json.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DeviceRecord decode(byte[] value) {
        try {
            return json.readValue(value, DeviceRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable device record", e);
        }
    }
}
