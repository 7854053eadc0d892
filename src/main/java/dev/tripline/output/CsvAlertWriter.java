package dev.tripline.output;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One CSV row per alert (RFC 4180, UTF-8, a header), for Timeline Explorer and spreadsheets. Rows are written in
 * the order the pipeline emits alerts. Several values in one cell (reasons, context, events, the command lines of
 * a correlation) are joined with a line break, which RFC 4180 allows inside a quoted field.
 *
 * <p>Command lines are attacker-controlled: a text cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return would be taken as a formula by a spreadsheet, so it is prefixed with
 * {@code '} (OWASP's CSV injection guidance).
 */
public final class CsvAlertWriter implements AlertSink {
    public static final List<String> COLUMNS = List.of("time", "severity", "kind", "rule_id", "rule_title", "host", "user",
            "command_line", "parent_image", "reasons", "context", "count", "first_seen", "last_seen", "events");
    /** Joins several values in one cell. */
    public static final String JOIN = "\n";

    private static final CsvMapper CSV = new CsvMapper();
    private final SequenceWriter rows;

    public CsvAlertWriter(Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        for (String c : COLUMNS) schema.addColumn(c);
        this.rows = CSV.writer(schema.build()).writeValues(out);
    }

    @Override public void write(Alert a) throws IOException {
        rows.write(row(a));
        rows.flush();
    }

    /** The row's cells, in {@link #COLUMNS} order, already neutralised. */
    public static List<Object> row(Alert a) {
        List<Object> r = new ArrayList<>(COLUMNS.size());
        r.add(IsoTime.format(a.time()));
        r.add(a.severity().label());
        r.add(a.kind());
        r.add(cell(a.rule().id()));
        r.add(cell(a.rule().title()));
        r.add(cell(a.host()));
        r.add(cell(a.user().isKnown() ? a.user().display() : ""));
        r.add(cell(joinDistinct(a.events(), ProcessEvent::getCommandLine)));
        r.add(cell(joinDistinct(a.events(), ProcessEvent::getParentImage)));
        r.add(cell(String.join(JOIN, a.reasons())));
        r.add(cell(String.join(JOIN, a.context())));
        r.add(a.count());
        r.add(IsoTime.format(a.firstSeen()));
        r.add(IsoTime.format(a.lastSeen()));
        r.add(cell(joinDistinct(a.events(), e -> EventCitation.of(e.getSource()))));
        return r;
    }

    /**
     * A text cell a spreadsheet will show as text: one that starts with {@code = + - @}, a tab or a carriage
     * return gets a leading {@code '}. Null becomes empty.
     */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) return "";
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    private static String joinDistinct(List<ProcessEvent> events, java.util.function.Function<ProcessEvent, String> field) {
        Set<String> values = new LinkedHashSet<>();
        for (ProcessEvent e : events) {
            String v = field.apply(e);
            if (v != null) values.add(v);
        }
        return String.join(JOIN, values.stream().map(Objects::toString).toList());
    }

    @Override public void close() throws IOException { rows.flush(); }
}
