package dev.tripline.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripline.ingest.evtx.EvtxProblem;
import dev.tripline.ingest.evtx.EvtxReader;
import dev.tripline.ingest.evtx.EvtxRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tripline evtx dump FILE... [--output F]}: every record as one JSON line in the layout the Rust
 * {@code evtx_dump} writes ({@code Event.#attributes}, {@code Event.System…}, {@code Event.EventData}), so users
 * see exactly what Tripline reads. Damage is reported on stderr per file, chunk offset and record id; the records
 * that can be read are still written.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Write the records of .evtx files as JSON Lines (evtx_dump's layout); problems go to stderr.")
public final class EvtxDumpCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".evtx files.")
    List<Path> files;

    @Option(names = {"-o", "--output"}, paramLabel = "F", description = "Write to F instead of stdout.")
    Path output;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Writer sink = output == null ? spec.commandLine().getOut() : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        int status = ExitCodes.OK;
        try (JsonGenerator gen = JSON.getFactory().createGenerator(sink)) {
            gen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, output != null);
            gen.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            for (Path file : files) {
                if (!dump(file, gen, err)) status = ExitCodes.INPUT_UNREADABLE;
            }
            gen.writeRaw('\n');
        }
        return status;
    }

    /** False when the file could not be read as EVTX at all. */
    private boolean dump(Path file, JsonGenerator gen, PrintWriter err) {
        boolean[] readable = {true};
        try {
            EvtxReader.Summary s = EvtxReader.read(file, new EvtxReader.Sink() {
                @Override public void record(EvtxRecord r) {
                    try {
                        gen.writeTree(r.json());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override public void problem(EvtxProblem p) {
                    if (p.kind() == EvtxProblem.Kind.NOT_EVTX) readable[0] = false;
                    err.println("tripline: " + file + ": " + p.describe());
                }
            });
            if (readable[0]) {
                err.printf("tripline: %s: %d records from %d chunks (%d unused), %d problems%n",
                        file, s.records(), s.chunks(), s.emptyChunks(), s.problems());
            }
        } catch (IOException e) {
            err.println("tripline: " + file + ": cannot read: " + e.getMessage());
            return false;
        }
        return readable[0];
    }
}
