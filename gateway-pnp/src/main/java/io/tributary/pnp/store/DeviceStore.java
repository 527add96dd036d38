package io.tributary.pnp.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Device records, step results and operators' claims in an H2 MVStore file ({@code devices.mv.db}) under a data
 * directory, as JSON.
 *
 * <p>Threading, deliberately: MVStore calls can do blocking file I/O, so every one of them runs on this store's own
 * single thread ({@code pnp-store}), never on an event loop. The records themselves live in memory (loaded at
 * open) and are the authority: {@link #update} changes a record atomically in memory (a pure function, on the
 * caller's thread) and hands the write to the store thread, which coalesces several changes of one device into one
 * write. Event loops therefore never wait for the disk. MVStore's background writer commits about once a second;
 * a crash loses at most that much plus writes not yet taken by the store thread, and the protocol recovers (the
 * device repeats its current step). {@link #close()} writes and commits everything.
 */
public final class DeviceStore {

    /** File name of the store inside the data directory. */
    public static final String FILE_NAME = "devices.mv.db";
    /** Most step results kept per device. */
    public static final int MAX_RESULTS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStore.class);

    private final MVStore store;
    private final MVMap<String, byte[]> devices;
    private final MVMap<String, byte[]> results;
    private final MVMap<String, byte[]> claimsMap;
    private final Scheduler thread;
    private final ObjectMapper json;
    private final Map<String, DeviceRecord> records = new ConcurrentHashMap<>();
    private final Map<String, Encoded> dirty = new ConcurrentHashMap<>();
    private final Map<String, DeviceClaim> claims = new ConcurrentHashMap<>();
    private final Queue<DeviceClaim> newClaims = new ConcurrentLinkedQueue<>();
    private final Queue<PendingResult> newResults = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Map<DeviceState, AtomicLong> counts = new EnumMap<>(DeviceState.class);

    private DeviceStore(MVStore store, Scheduler thread, ObjectMapper json) {
        this.store = store;
        this.devices = store.openMap("devices");
        this.results = store.openMap("results");
        this.claimsMap = store.openMap("claims");
        this.thread = thread;
        this.json = json;
        for (DeviceState state : DeviceState.values()) {
            counts.put(state, new AtomicLong());
        }
        for (Map.Entry<String, byte[]> entry : devices.entrySet()) {
            DeviceRecord record = read(entry.getValue(), DeviceRecord.class);
            records.put(entry.getKey(), record);
            counts.get(record.state()).incrementAndGet();
        }
        for (Map.Entry<String, byte[]> entry : claimsMap.entrySet()) {
            claims.put(entry.getKey(), read(entry.getValue(), DeviceClaim.class));
        }
    }

    /**
     * Opens (creating if needed) the store in a directory, on the store's own thread, and loads every record.
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
     * @return its record, or empty when the device was never seen; from memory, never waits
     */
    public Mono<DeviceRecord> get(String serial) {
        return Mono.justOrEmpty(records.get(serial));
    }

    /**
     * @param serial the device's serial
     * @return whether the device was ever seen; from memory
     */
    public boolean contains(String serial) {
        return records.containsKey(serial);
    }

    /**
     * Changes one record atomically in memory and schedules its write; never waits for the disk. The new record is
     * encoded here, on the caller's thread, so that {@link #json(DeviceRecord)} can hand the same bytes to a
     * publisher.
     *
     * @param serial the device's serial
     * @param change maps the current record ({@code null} when new) to the new one; pure and quick
     * @return the new record
     */
    public DeviceRecord update(String serial, UnaryOperator<DeviceRecord> change) {
        DeviceRecord[] before = new DeviceRecord[1];
        DeviceRecord after = records.compute(serial, (key, current) -> {
            before[0] = current;
            return change.apply(current);
        });
        if (after != before[0] && after != null) {
            if (before[0] != null) {
                counts.get(before[0].state()).decrementAndGet();
            }
            counts.get(after.state()).incrementAndGet();
            dirty.put(serial, new Encoded(after, encode(after)));
            scheduleFlush();
        }
        return after;
    }

    /**
     * Records a step result; the store keeps the last {@link #MAX_RESULTS} per device.
     *
     * @param serial the device's serial
     * @param index the result's number, from 1 ({@link DeviceRecord#resultCount()} after counting it)
     * @param result the result
     */
    public void addResult(String serial, int index, StepResult result) {
        newResults.add(new PendingResult(serial, index, result));
        scheduleFlush();
    }

    /**
     * Stores an operator's claim of a device, replacing an earlier one; in memory at once, on disk with the next
     * write of the store thread.
     *
     * @param claim the claim
     */
    public void claim(DeviceClaim claim) {
        claims.put(claim.serial(), claim);
        newClaims.add(claim);
        scheduleFlush();
    }

    /**
     * @param serial the device's serial
     * @return its claim, or {@code null} when it was never claimed; from memory, never waits
     */
    public DeviceClaim claimOf(String serial) {
        return claims.get(serial);
    }

    /**
     * @param serial the device's serial
     * @return its latest step results, oldest first; read on the store thread
     */
    public Mono<List<StepResult>> results(String serial) {
        return Mono.fromCallable(() -> {
            flush();
            DeviceRecord record = records.get(serial);
            List<StepResult> found = new ArrayList<>();
            if (record != null) {
                for (int i = Math.max(1, record.resultCount() - MAX_RESULTS + 1); i <= record.resultCount(); i++) {
                    byte[] value = results.get(resultKey(serial, i));
                    if (value != null) {
                        found.add(read(value, StepResult.class));
                    }
                }
            }
            return found;
        }).subscribeOn(thread);
    }

    /**
     * @param serial the device's serial
     * @return the device and its latest results, or empty when never seen
     */
    public Mono<DeviceStatus> status(String serial) {
        return get(serial).flatMap(record -> results(serial).map(found -> new DeviceStatus(record, found)));
    }

    /** @return every record, ordered by serial */
    public Flux<DeviceRecord> all() {
        return Flux.defer(() -> {
            List<DeviceRecord> all = new ArrayList<>(records.values());
            all.sort(Comparator.comparing(DeviceRecord::serial));
            return Flux.fromIterable(all);
        });
    }

    /** @return the number of devices stored */
    public int size() {
        return records.size();
    }

    /**
     * @param state a state
     * @return how many devices are in it now
     */
    public long count(DeviceState state) {
        return counts.get(state).get();
    }

    /** @return completes when everything is written, committed and the file closed */
    public Mono<Void> close() {
        return Mono.<Void>fromRunnable(() -> {
            if (!store.isClosed()) {
                flush();
                store.close();
            }
        }).subscribeOn(thread).doFinally(signal -> thread.dispose());
    }

    /**
     * @param value a record, status or list
     * @return it as JSON
     */
    public byte[] encode(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param record a record returned by {@link #update}
     * @return it as JSON; the bytes encoded by that update when they are still at hand, else a new encoding
     */
    public byte[] json(DeviceRecord record) {
        Encoded latest = dirty.get(record.serial());
        return latest != null && latest.record == record ? latest.json : encode(record);
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::flush);
            } catch (RejectedExecutionException closed) {
                // an exchange still in flight while the adapter stops: the change stays in memory only
                LOG.debug("PnP device store closed; a late change is not persisted");
            }
        }
    }

    /** Runs on the store thread: writes the latest record of each changed device and the new results. */
    private void flush() {
        flushScheduled.set(false);
        if (store.isClosed()) {
            return;
        }
        try {
            for (String serial : dirty.keySet()) {
                Encoded latest = dirty.remove(serial);
                if (latest != null) {
                    devices.put(serial, latest.json);
                }
            }
            DeviceClaim claim;
            while ((claim = newClaims.poll()) != null) {
                claimsMap.put(claim.serial(), encode(claim));
            }
            PendingResult pending;
            while ((pending = newResults.poll()) != null) {
                results.put(resultKey(pending.serial, pending.index), encode(pending.result));
                if (pending.index > MAX_RESULTS) {
                    results.remove(resultKey(pending.serial, pending.index - MAX_RESULTS));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("PnP device store write failed; state is kept in memory and retried with the next change", e);
        }
    }

    private static String resultKey(String serial, int index) {
        return serial + '#' + String.format("%010d", index);
    }

    private <T> T read(byte[] value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " in the device store", e);
        }
    }

    private record PendingResult(String serial, int index, StepResult result) {
    }

    /** A record and its JSON, written by the store thread; the bytes are never modified. */
    private record Encoded(DeviceRecord record, byte[] json) {
    }
}
