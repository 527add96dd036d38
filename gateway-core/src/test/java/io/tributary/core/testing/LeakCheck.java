package io.tributary.core.testing;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Fails a test class after which Netty reports a leaked buffer. Registered for every module's tests through
 * this test-jar: as a launcher session listener it installs a recording leak detector before any buffer class
 * loads; as an auto-detected Jupiter extension it collects garbage after each test class, provokes the
 * detector's check and fails the class with the leak's access records. A leak found only after the last class
 * ends the test JVM with status 1, so it still fails the build.
 */
public final class LeakCheck implements LauncherSessionListener, AfterAllCallback {

    private static final List<String> LEAKS = new ArrayList<>();
    private static volatile boolean installed;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            System.err.println("Netty buffer leaks after the last test class:\n" + String.join("\n", leaks));
            Runtime.getRuntime().halt(1);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }

    /**
     * Switches leak detection from tracking every buffer to sampling until the returned handle is closed: for load
     * tests (a thousand agents' HTTP exchanges), where recording every access of every buffer costs minutes while
     * sampled detection still reports a leak that recurs.
     *
     * @return restores the level in force before
     */
    public static AutoCloseable sampled() {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        if (before.ordinal() > ResourceLeakDetector.Level.SIMPLE.ordinal()) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        }
        return () -> ResourceLeakDetector.setLevel(before);
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                       long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    private static List<String> collect() {
        if (ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.DISABLED) {
            return List.of();
        }
        System.gc();
        System.runFinalization();
        for (int i = 0; i < 4; i++) {
            // A detector reports what the collector queued only when it tracks a new resource.
            Unpooled.buffer(1).release();
            Unpooled.directBuffer(1).release();
            PooledByteBufAllocator.DEFAULT.buffer(1).release();
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
        }
        synchronized (LEAKS) {
            List<String> found = List.copyOf(LEAKS);
            LEAKS.clear();
            return found;
        }
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {
        @SuppressWarnings("deprecation")
        Recording(Class<?> resource, int samplingInterval) {
            super(resource, samplingInterval, Long.MAX_VALUE);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            synchronized (LEAKS) {
                LEAKS.add("LEAK " + resourceType + records);
            }
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            synchronized (LEAKS) {
                LEAKS.add("LEAK " + resourceType + " (no access records)");
            }
            super.reportUntracedLeak(resourceType);
        }
    }
}
