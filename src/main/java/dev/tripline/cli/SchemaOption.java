package dev.tripline.cli;

import dev.tripline.ingest.EventShape;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;

/** {@code --schema SHAPE}, shared by the verbs that read events: one shape forced instead of detected per record. */
public final class SchemaOption {
    @Option(names = "--schema", paramLabel = "SHAPE",
            description = "Force one event shape instead of detecting it per record: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ShapeNames.class)
    String schema;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandLine.Model.CommandSpec spec;

    /** The forced shape, if any; an unknown name is a usage error (exit 2) that lists the known ones. */
    public Optional<EventShape> shape() {
        if (schema == null) return Optional.empty();
        return Optional.of(EventShape.byName(schema).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown --schema '" + schema + "' (known: " + String.join(", ", new ShapeNames()) + ")")));
    }

    /** The shape names --schema accepts, for help and completion. */
    static final class ShapeNames implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            return Arrays.stream(EventShape.values()).map(EventShape::cliName).iterator();
        }
    }
}
