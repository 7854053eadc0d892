package dev.tripline.ingest.evtx;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads an .evtx file chunk by chunk and hands every record, in file order, to a {@link Sink}, with every
 * problem found on the way. Never more than {@link #LOOK_AHEAD} chunks are in memory: chunks are read with a
 * {@link FileChannel} and parsed on a small shared pool while the caller's thread delivers the results in order.
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

    /** Receives records and problems on the thread that called {@link #read}, in file order. */
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

    /** {@code parallel=false} parses on the caller's thread (the fuzz test, tiny files). */
    public static Summary read(Path path, Sink sink, boolean parallel) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] header = new byte[FILE_HEADER_SIZE];
            int headerLength = readFully(channel, header, 0, Math.min(size, FILE_HEADER_SIZE));
            if (!isEvtx(header, headerLength)) {
                sink.problem(new EvtxProblem(EvtxProblem.Kind.NOT_EVTX, 0, -1,
                        size == 0 ? "empty file" : "not an EVTX file (no ElfFile signature)"));
                return new Summary(0, 0, 0, 1);
            }
            if (headerLength < FILE_HEADER_SIZE) {
                sink.problem(new EvtxProblem(EvtxProblem.Kind.NOT_EVTX, 0, -1,
                        "EVTX file cut inside its header (" + headerLength + " bytes)"));
                return new Summary(0, 0, 0, 1);
            }
            boolean checksums = (Bytes.le32(header, 120) & FLAG_NO_CRC32) == 0;
            return new Delivery(channel, size, sink, checksums, parallel).run();
        }
    }

    private static int readFully(FileChannel channel, byte[] into, long position, long length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, (int) length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) break;
        }
        return buffer.position();
    }

    /** Reads chunks ahead on the caller's thread, parses them on the pool, delivers them in order. */
    private static final class Delivery {
        private final FileChannel channel;
        private final long size;
        private final Sink sink;
        private final boolean checksums;
        private final boolean parallel;
        private final ArrayDeque<Future<ChunkParser.Result>> pending = new ArrayDeque<>();
        private long chunks, empty, records, problems;

        Delivery(FileChannel channel, long size, Sink sink, boolean checksums, boolean parallel) {
            this.channel = channel;
            this.size = size;
            this.sink = sink;
            this.checksums = checksums;
            this.parallel = parallel;
        }

        Summary run() throws IOException {
            long next = FILE_HEADER_SIZE;
            try {
                while (true) {
                    while (pending.size() < (parallel ? LOOK_AHEAD : 1) && next < size) {
                        long offset = next;
                        byte[] chunk = new byte[ChunkParser.CHUNK_SIZE];
                        int length = readFully(channel, chunk, offset, Math.min(ChunkParser.CHUNK_SIZE, size - offset));
                        next += ChunkParser.CHUNK_SIZE;
                        chunks++;
                        if (parallel) {
                            pending.add(POOL.submit(() -> ChunkParser.parse(chunk, length, offset, checksums)));
                        } else {
                            pending.add(java.util.concurrent.CompletableFuture.completedFuture(ChunkParser.parse(chunk, length, offset, checksums)));
                        }
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
            // A chunk's problems before its records: damage in a chunk is reported where reading reached it.
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
