package dev.tripline.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.Text;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The triage view the original Sentinel hunting query sketches in its commented-out {@code summarize}: detection
 * events grouped by initiating process (folder, file name), image (folder, file name) and account, with how many,
 * on how many devices, which command lines and initiating command lines, first and last time. Suppressed alerts
 * are left out. Memory grows with the number of distinct groups, not with events.
 */
public final class TriageSummary implements AlertSink {
    /** A group's key, as the Sentinel query names its columns. */
    public record Key(String initiatingFolder, String initiatingFile, String folder, String file, String account) {}

    /** What one group gathered. */
    public static final class Row {
        long count;
        final TreeSet<String> devices = new TreeSet<>();
        final TreeSet<String> commandLines = new TreeSet<>();
        final TreeSet<String> initiatingCommandLines = new TreeSet<>();
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;

        public long count() { return count; }
        public int devices() { return devices.size(); }
        public List<String> commandLines() { return List.copyOf(commandLines); }
        public List<String> initiatingCommandLines() { return List.copyOf(initiatingCommandLines); }
        public long first() { return first; }
        public long last() { return last; }
    }

    private static final int MAX_VALUES = 50;
    private final AlertSink downstream;
    private final Map<Key, Row> rows = new TreeMap<>(Comparator.comparing(Key::account, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(k -> Objects.toString(k.initiatingFile(), "")).thenComparing(k -> Objects.toString(k.file(), ""))
            .thenComparing(k -> Objects.toString(k.initiatingFolder(), "")).thenComparing(k -> Objects.toString(k.folder(), "")));

    public TriageSummary(AlertSink downstream) { this.downstream = downstream; }

    @Override public void write(Alert a) throws IOException {
        downstream.write(a);
        if (!a.kind().equals("detection") || a.suppressed()) return;
        for (ProcessEvent e : a.events()) add(e, 1);
        // A folded alert lists at most a few of its events; the rest still count.
        if (a.count() > a.events().size()) add(a.events().get(0), a.count() - a.events().size());
    }

    private void add(ProcessEvent e, long weight) {
        Key k = new Key(Text.folder(e.getParentImage()), Text.fileName(e.getParentImage()), Text.folder(e.getImage()),
                Text.fileName(e.getImage()), e.getActor().display());
        Row r = rows.computeIfAbsent(k, x -> new Row());
        r.count += weight;
        if (e.getHost() != null) r.devices.add(Text.fold(e.getHost()));
        if (e.getCommandLine() != null && r.commandLines.size() < MAX_VALUES) r.commandLines.add(e.getCommandLine());
        if (e.getParentCommandLine() != null && r.initiatingCommandLines.size() < MAX_VALUES) r.initiatingCommandLines.add(e.getParentCommandLine());
        r.first = Math.min(r.first, e.getTime());
        r.last = Math.max(r.last, e.getTime());
    }

    public Map<Key, Row> rows() { return rows; }

    @Override public void close() throws IOException { downstream.close(); }

    public void writeTable(PrintWriter out) {
        out.println("triage summary (detections by initiating process, image and account):");
        out.printf("%-6s %-7s %-22s %-16s %-28s %s%n", "COUNT", "DEVICES", "INITIATING PROCESS", "IMAGE", "ACCOUNT", "FIRST .. LAST");
        for (Map.Entry<Key, Row> e : rows.entrySet()) {
            Key k = e.getKey();
            Row r = e.getValue();
            out.printf("%-6d %-7d %-22s %-16s %-28s %s .. %s%n", r.count, r.devices(), cell(k.initiatingFile()), cell(k.file()), cell(k.account()),
                    Instant.ofEpochMilli(r.first), Instant.ofEpochMilli(r.last));
            for (String c : r.commandLines) out.printf("       cmd: %s%n", TerminalText.escape(c));
        }
        out.flush();
    }

    /** A table cell: "-" when the log did not say (no parent process, no account), else the value escaped for the terminal. */
    private static String cell(String value) {
        return value == null || value.isEmpty() ? "-" : TerminalText.escape(value);
    }

    public void writeJson(Writer out) throws IOException {
        ArrayNode array = AlertJson.MAPPER.createArrayNode();
        for (Map.Entry<Key, Row> e : rows.entrySet()) {
            Key k = e.getKey();
            Row r = e.getValue();
            ObjectNode o = array.addObject();
            o.put("initiating_process_folder", k.initiatingFolder());
            o.put("initiating_process_file_name", k.initiatingFile());
            o.put("folder", k.folder());
            o.put("file_name", k.file());
            o.put("account", k.account());
            o.put("count", r.count);
            o.put("devices", r.devices());
            ArrayNode cl = o.putArray("command_lines");
            r.commandLines.forEach(cl::add);
            ArrayNode icl = o.putArray("initiating_command_lines");
            r.initiatingCommandLines.forEach(icl::add);
            o.put("first_seen", Instant.ofEpochMilli(r.first).toString());
            o.put("last_seen", Instant.ofEpochMilli(r.last).toString());
        }
        AlertJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, array);
    }

}
