package dev.tripline.bench;

import dev.tripline.cli.TriplineCommand;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Is memory bounded by the rules' windows, for ever? Streams {@code EVENTS} synthetic events ({@link SoakEvents},
 * made on demand) through {@code tripline correlate -} (the CLI verb, bundled rules, alerts discarded) in this
 * JVM, and at every whole hour of event time forces a full collection and prints the live heap. Run it with
 * {@code bench/soak.sh [EVENTS] [EVENTS_PER_SECOND]} (defaults 10,000,000 and 50: 55.6 hours of event time) at
 * {@code -Xmx256m}.
 *
 * <p>Verdict: flat when the live heap after 48 h of event time is within 10% of the live heap after 6 h (printed
 * for the hours the run reaches). Exit status 0 when flat, 1 when not, 2 when the run is too short to tell.
 */
public final class SoakBenchmark {
    private static final long REFERENCE_HOUR = 6, CHECK_HOUR = 48;

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 50;
        long step = Math.round(1000 / rate);
        Map<Long, Long> liveMb = new TreeMap<>();
        long t0 = System.nanoTime();
        SoakEvents[] stream = new SoakEvents[1];
        stream[0] = new SoakEvents(events, step, 400, 15, 16, hour -> {
            long mb = liveHeapMb();
            liveMb.put(hour, mb);
            System.err.printf(Locale.ROOT, "soak: %3d h event time | %,11d events | %6.0f s wall | live heap %4d MB%n",
                    hour, stream[0].produced(), (System.nanoTime() - t0) / 1e9, mb);
        });
        System.err.printf(Locale.ROOT, "soak: %,d events, one every %d ms of event time (%.1f h); max heap %d MB%n",
                events, step, events * step / 3.6e6, Runtime.getRuntime().maxMemory() >> 20);

        InputStream stdin = System.in;
        int exit;
        try {
            System.setIn(stream[0]);
            exit = TriplineCommand.commandLine().execute("correlate", "--output", nullDevice(), "-");
        } finally {
            System.setIn(stdin);
        }
        System.err.printf(Locale.ROOT, "soak: correlate exited %d after %,d events in %.0f s%n", exit, stream[0].produced(), (System.nanoTime() - t0) / 1e9);

        Long reference = liveMb.get(REFERENCE_HOUR), check = liveMb.get(CHECK_HOUR);
        if (exit != 0 || reference == null || check == null) {
            System.err.printf(Locale.ROOT, "soak: no verdict (needs %d h of event time and a clean run)%n", CHECK_HOUR);
            System.exit(exit != 0 ? exit : 2);
        }
        double change = 100.0 * (check - reference) / reference;
        boolean flat = Math.abs(change) <= 10;
        System.err.printf(Locale.ROOT, "soak: live heap %d MB at %d h, %d MB at %d h (%+.1f%%): %s%n",
                reference, REFERENCE_HOUR, check, CHECK_HOUR, change, flat ? "FLAT" : "GROWING");
        System.exit(flat ? 0 : 1);
    }

    private static String nullDevice() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null";
    }

    /** Heap in use right after a forced full collection: the live set. */
    static long liveHeapMb() {
        System.gc();
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) bytes += pool.getCollectionUsage().getUsed();
        }
        return bytes >> 20;
    }
}
