package dev.tripline.pipeline;

import dev.tripline.model.SourceRef;

/** {@code --strict}: the first rejected line stops the batch. */
public final class StrictModeViolation extends RuntimeException {
    private final SourceRef where;

    public StrictModeViolation(SourceRef where, String reason, String detail) {
        super(where + ": " + reason + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
        this.where = where;
    }

    public SourceRef where() { return where; }
}
