package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/** A time value as found in a record, with the field it came from, so rejections can say what was wrong. */
record TimeField(String field, String raw) {

    /** The value under that name, or null when there is none. */
    static TimeField of(String field, String raw) {
        return raw == null ? null : new TimeField(field, raw);
    }

    /** The first of the fields that has a value, or null. */
    static TimeField firstOf(JsonNode record, String... fields) {
        for (String f : fields) {
            String v = Fields.text(record, f);
            if (v != null) return new TimeField(f, v);
        }
        return null;
    }

    /** The rejection reason when {@link #epochMillis()} is invalid: {@code "unparseable time: UtcTime 'yesterday'"}. */
    String unparseable() {
        return Reasons.of(Reasons.UNPARSEABLE_TIME, field + " '" + raw + "'");
    }

    /** Epoch milliseconds, or {@link Timestamps#INVALID}. */
    long epochMillis() {
        return Timestamps.parseEpochMillis(raw);
    }

    /** The first present of the candidates (null entries are skipped). */
    static TimeField prefer(TimeField... candidates) {
        for (TimeField c : candidates) if (c != null) return c;
        return null;
    }
}
