package dev.tripline.bench;

import dev.tripline.ingest.Ingest;
import dev.tripline.ingest.IngestListener;
import dev.tripline.ingest.IngestOptions;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Native .evtx read + normalize: the files given, repeated {@code -Drepeat=N} times, through the real ingest
 * layer (reader, shape detection, normalizers) into a counting listener. Prints MB/s of .evtx by wall clock and
 * per CPU-second of the whole process (all threads: the chunk pool, the delivering thread, GC). Run by
 * bench/evtx.sh beside libevtx's evtxexport and python-evtx.
 */
public final class EvtxBenchmark {
    public static void main(String[] args) throws IOException {
        int repeat = Integer.getInteger("repeat", 1);
        List<String> inputs = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < repeat; i++) {
            for (String a : args) {
                inputs.add(a);
                bytes += Files.size(Path.of(a));
            }
        }
        // Warm-up: three passes over the files, so the JIT's compile threads are not billed to the measured run.
        for (int i = 0; i < 3; i++) run(inputs.subList(0, Math.min(inputs.size(), args.length)), 0);
        run(inputs, bytes);
    }

    private static void run(List<String> inputs, long bytes) {
        long[] counts = new long[3];
        IngestListener listener = new IngestListener() {
            @Override public void onFact(TimedFact fact) { counts[0]++; }
            @Override public void onSkipped(SourceRef source, String reason) { counts[1]++; }
            @Override public void onRejected(SourceRef source, String reason, String detail) { counts[2]++; }
        };
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        Ingest.read(inputs, Optional.empty(), IngestOptions.defaults(), listener);
        double wall = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        if (bytes == 0) return;
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "native read+normalize: %.1f MB in %.2f s wall, %.2f CPU-s: %.1f MB/s wall, %.1f MB per CPU-second; "
                        + "%d records (%d facts, %d skipped, %d rejected), %.0f records/s%n",
                mb, wall, cpu, mb / wall, mb / cpu, counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2],
                (counts[0] + counts[1] + counts[2]) / wall);
    }
}
