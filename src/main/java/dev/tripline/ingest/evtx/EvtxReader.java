package dev.tripline.ingest.evtx;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads an .evtx file chunk by chunk and hands every record, in file order, to a {@link Sink}, with every
 * problem found on the way. Never more than {@link #LOOK_AHEAD} chunks are in memory: chunks are read
 * sequentially (a {@link FileChannel} for files) and parsed on a small shared pool of two threads while the
 * caller's thread delivers the results in order.
 *
 * <p>Every 64 KiB block after the 4 KiB file header is tried, up to the end of the file: a "dirty" file whose
 * header was not updated after the last write is read to its last valid chunk, not to the chunk count the
 * header claims. Never-used (all-zero) chunks are passed over. Damage costs only what it touches; see
 * {@link EvtxProblem.Kind}.
 */
public final class EvtxReader {
    public static final int FILE_HEADER_SIZE = 4096;
    /** Chunks read ahead of the one being delivered: bounds memory to a few chunks and their records. */
    static final int LOOK_AHEAD = 4;
    private static final byte[] FILE_MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    private static final int FLAG_NO_CRC32 = 0x4;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "evtx-chunk-parser");
        t.setDaemon(true);
        return t;
    });

    /** Receives records and problems on the thread that called {@code read}, in file order. */
    public interface Sink {
        void record(EvtxRecord record);

        void problem(EvtxProblem problem);
    }

    /** What a file gave: chunks tried, never-used chunks, records delivered, problems (notes included). */
    public record Summary(long chunks, long emptyChunks, long records, long problems) {}

    private EvtxReader() {}

    /** Whether the bytes start with the EVTX file signature {@code ElfFile\0}. */
    public static boolean isEvtx(byte[] head, int length) {
        return Bytes.startsWith(head, length, 0, FILE_MAGIC);
    }

    /** Reads with the shared two-thread pool. IO errors (the file vanished) propagate; damage never does. */
    public static Summary read(Path path, Sink sink) throws IOException {
        return read(path, sink, true);
    }

    /** {@code parallel=false} parses on the caller's thread (the fuzz test). */
    public static Summary read(Path path, Sink sink, boolean parallel) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(Channels.newInputStream(channel), sink, parallel);
        }
    }

    /**
     * Reads an EVTX stream from its first byte (stdin, or a file after sniffing its signature), sequentially,
     * 64 KiB at a time. The stream is not closed.
     */
    public static Summary read(InputStream in, Sink sink, boolean parallel) throws IOException {
        byte[] header = new byte[FILE_HEADER_SIZE];
        int headerLength = in.readNBytes(header, 0, FILE_HEADER_SIZE);
        if (!isEvtx(header, headerLength)) {
            sink.problem(new EvtxProblem(EvtxProblem.Kind.NOT_EVTX, 0, -1,
                    headerLength == 0 ? "empty file" : "not an EVTX file (no ElfFile signature)"));
            return new Summary(0, 0, 0, 1);
        }
        if (headerLength < FILE_HEADER_SIZE) {
            sink.problem(new EvtxProblem(EvtxProblem.Kind.NOT_EVTX, 0, -1,
                    "EVTX file cut inside its header (" + headerLength + " bytes)"));
            return new Summary(0, 0, 0, 1);
        }
        boolean checksums = (Bytes.le32(header, 120) & FLAG_NO_CRC32) == 0;
        return new Delivery(in, sink, checksums, parallel).run();
    }

    /** Reads chunks ahead on the caller's thread, parses them on the pool, delivers them in order. */
    private static final class Delivery {
        private final InputStream in;
        private final Sink sink;
        private final boolean checksums;
        private final boolean parallel;
        private final ArrayDeque<Future<ChunkParser.Result>> pending = new ArrayDeque<>();
        private long chunks, empty, records, problems;

        Delivery(InputStream in, Sink sink, boolean checksums, boolean parallel) {
            this.in = in;
            this.sink = sink;
            this.checksums = checksums;
            this.parallel = parallel;
        }

        Summary run() throws IOException {
            long next = FILE_HEADER_SIZE;
            boolean atEnd = false;
            try {
                while (true) {
                    while (pending.size() < (parallel ? LOOK_AHEAD : 1) && !atEnd) {
                        long offset = next;
                        byte[] chunk = new byte[ChunkParser.CHUNK_SIZE];
                        int length = in.readNBytes(chunk, 0, ChunkParser.CHUNK_SIZE);
                        next += ChunkParser.CHUNK_SIZE;
                        atEnd = length < ChunkParser.CHUNK_SIZE;
                        if (length == 0) break;
                        chunks++;
                        pending.add(parallel ? POOL.submit(() -> ChunkParser.parse(chunk, length, offset, checksums))
                                : CompletableFuture.completedFuture(ChunkParser.parse(chunk, length, offset, checksums)));
                    }
                    Future<ChunkParser.Result> head = pending.poll();
                    if (head == null) break;
                    deliver(head.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading EVTX chunks");
            } catch (ExecutionException e) {
                // parse() catches everything a chunk can throw; this is an Error such as OutOfMemoryError.
                throw new IOException("EVTX chunk parser failed: " + e.getCause(), e.getCause());
            } finally {
                for (Future<ChunkParser.Result> f : pending) f.cancel(true);
            }
            return new Summary(chunks, empty, records, problems);
        }

        private void deliver(ChunkParser.Result r) {
            if (r.empty()) empty++;
            // A chunk's problems come before its records.
            for (EvtxProblem p : r.problems()) {
                problems++;
                sink.problem(p);
            }
            for (EvtxRecord rec : r.records()) {
                records++;
                sink.record(rec);
            }
        }
    }
}
