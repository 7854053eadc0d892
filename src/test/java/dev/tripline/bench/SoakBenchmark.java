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
 * <p>Verdict: flat when the median live heap over hours 43 to 48 of event time is within 10% of the median over hours
 * 12 to 17. The first 12 hours fill the longest lifetime (a logon's), so an earlier reference would call filling
 * "growth"; single samples swing with the stream's cycles, so medians over six hours, not two samples, are
 * compared. Exit status 0 when flat, 1 when not, 2 when the run is too short to tell.
 */
public final class SoakBenchmark {
    private static final long REFERENCE_FROM = 12, CHECK_FROM = 43, HOURS = 6;

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

        Long reference = median(liveMb, REFERENCE_FROM), check = median(liveMb, CHECK_FROM);
        if (exit != 0 || reference == null || check == null) {
            System.err.printf(Locale.ROOT, "soak: no verdict (needs %d h of event time and a clean run)%n", CHECK_FROM + HOURS - 1);
            System.exit(exit != 0 ? exit : 2);
        }
        double change = 100.0 * (check - reference) / reference;
        boolean flat = Math.abs(change) <= 10;
        System.err.printf(Locale.ROOT, "soak: median live heap %d MB over hours %d-%d, %d MB over hours %d-%d (%+.1f%%): %s%n",
                reference, REFERENCE_FROM, REFERENCE_FROM + HOURS - 1, check, CHECK_FROM, CHECK_FROM + HOURS - 1, change, flat ? "FLAT" : "GROWING");
        System.exit(flat ? 0 : 1);
    }

    /** The median of the samples for hours {@code from} to {@code from + HOURS - 1}, or null if one is missing. */
    static Long median(Map<Long, Long> liveMb, long from) {
        long[] samples = new long[(int) HOURS];
        for (int i = 0; i < HOURS; i++) {
            Long mb = liveMb.get(from + i);
            if (mb == null) return null;
            samples[i] = mb;
        }
        java.util.Arrays.sort(samples);
        return (samples[(int) HOURS / 2 - 1] + samples[(int) HOURS / 2]) / 2;
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
