package io.tributary.bench.coap;

import java.lang.management.ManagementFactory;

/** Heap measurements of the footprint benchmarks: used heap after full collections, and objects kept reachable. */
final class Heap {

    private static volatile Object kept;

    private Heap() {
    }

    /** @return the least used heap seen over five full collections, in bytes */
    static long used() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Keeps a program's own input reachable, so a measurement does not count its collection. */
    static void keep(Object value) {
        kept = value;
    }
}
