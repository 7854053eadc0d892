package dev.tripline.context;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * YAML from users (context files, allowlists, Sigma rules) loaded within limits, so a hostile file is a rejection
 * with a reason and never a {@link StackOverflowError} or an exhausted heap: at most {@code maxCodePoints}
 * characters, {@code maxDepth} levels of nested lists and maps (checked on the parser's event stream before
 * anything is built, because building recurses per level), at most 50 aliases per document (no "billion laughs"),
 * no recursive keys. A problem is a {@link YamlEngineException} whose message says which limit and where.
 */
public final class BoundedYaml {
    /** Real Sigma rules and inventories nest 4 to 6 levels. */
    public static final int MAX_DEPTH = 64;

    private BoundedYaml() {}

    /** Every document of {@code text}. */
    public static List<Object> loadAll(String label, String text, int maxCodePoints) {
        LoadSettings settings = settings(label, maxCodePoints, text.length() + 16);
        checkDepth(new Parse(settings).parseString(text));
        List<Object> docs = new ArrayList<>();
        for (Object o : new Load(settings).loadAllFromString(text)) docs.add(o);
        return docs;
    }

    /**
     * One document read twice from {@code open} (once to check its nesting on the event stream, once to build
     * it), never held as one string.
     */
    public static Object load(String label, Opener open, int maxCodePoints) throws IOException {
        LoadSettings settings = settings(label, maxCodePoints, null);
        try (Reader r = open.open()) {
            checkDepth(new Parse(settings).parseReader(r));
        }
        try (Reader r = open.open()) {
            return new Load(settings).loadFromReader(r);
        }
    }

    /** Opens the document's text, once per pass. */
    @FunctionalInterface
    public interface Opener {
        Reader open() throws IOException;
    }

    private static LoadSettings settings(String label, int maxCodePoints, Integer bufferSize) {
        var b = LoadSettings.builder().setLabel(label).setCodePointLimit(maxCodePoints).setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(50).setAllowDuplicateKeys(false);
        // snakeyaml-engine 2.10 fails on a surrogate pair (emoji) straddling its read buffer: read strings in one go.
        if (bufferSize != null) b.setBufferSize(Math.max(1024, bufferSize));
        return b.build();
    }

    private static void checkDepth(Iterable<Event> events) {
        int depth = 0;
        for (Event e : events) {
            switch (e.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > MAX_DEPTH) {
                        String where = e.getStartMark().map(m -> " (line " + (m.getLine() + 1) + ")").orElse("");
                        throw new YamlEngineException("over limit: nested deeper than " + MAX_DEPTH + " levels" + where);
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> { }
            }
        }
    }
}
