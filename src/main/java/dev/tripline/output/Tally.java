package dev.tripline.output;

import dev.tripline.model.SourceRef;

import java.util.ArrayList;
import java.util.List;

/** A count by reason, with the first few places it happened so the user can go and look. */
public final class Tally {
    public static final int EXAMPLES = 3;
    private long count;
    private final List<String> examples = new ArrayList<>(EXAMPLES);

    public void add(SourceRef where, String detail) {
        count++;
        if (examples.size() < EXAMPLES) examples.add(detail == null || detail.isBlank() ? where.toString() : where + " (" + detail + ")");
    }

    public long count() { return count; }

    public List<String> examples() { return List.copyOf(examples); }
}
