package dev.tripline.output;

import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.Severity;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code --report FILE.html}: one self-contained HTML file for an analyst, written at the end of the run. No
 * script, no external reference (a Content-Security-Policy forbids both besides), inline CSS and SVG, each alert
 * expandable with {@code <details>}. Every string from the logs goes through {@link Html#esc}.
 *
 * <p>As a sink it collects every alert it sees, suppressed ones included, and passes on to the main output the
 * ones that output shows ({@code passSuppressed}: --show-suppressed). Aggregates count every alert; the detailed
 * list keeps the {@value #MAX_DETAILED} most severe, so a huge run gives a report a browser can open.
 */
public final class HtmlReport implements AlertSink {
    public static final int MAX_DETAILED = 2000;
    public static final int MAX_SUPPRESSED = 500;
    public static final int MAX_EVENTS_SHOWN = 50;
    public static final int MAX_TIMELINE_HOSTS = 40;
    private static final int MAX_DISTINCT = 500;

    /** Reasons that show an account is LOCAL_SYSTEM, and that it is a service identity (as the context rules word them). */
    private static final Pattern LOCAL_SYSTEM = Pattern.compile("LOCAL_SYSTEM");
    private static final Pattern SERVICE = Pattern.compile("(?i)service account|application pool identity|logged on as a service"
            + "|runs the service|virtual service account|service logon|service identit");

    private final AlertSink downstream;
    private final boolean passSuppressed;
    private final AlertCounts counts = new AlertCounts();
    private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    private final Map<String, AccountRow> accounts = new HashMap<>();
    private final Map<String, Long> escalations = new HashMap<>();
    private final Map<String, Long> suppressionReasons = new TreeMap<>();
    /** The least important on top, so the most severe stay when the list is full. */
    private final PriorityQueue<Alert> kept = new PriorityQueue<>(Comparator.comparing(Alert::severity)
            .thenComparing(Comparator.comparingLong(Alert::time).reversed()));
    private final List<Alert> suppressed = new ArrayList<>();
    private long alerts;
    private long suppressedCount;

    private static final class AccountRow {
        final String name;
        final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        final Set<String> hosts = new LinkedHashSet<>();
        boolean localSystem, service;
        long total;

        AccountRow(String name) { this.name = name; }
    }

    public HtmlReport(AlertSink downstream, boolean passSuppressed) {
        this.downstream = downstream;
        this.passSuppressed = passSuppressed;
    }

    @Override public void write(Alert a) throws IOException {
        collect(a);
        if (!a.suppressed() || passSuppressed) downstream.write(a);
    }

    @Override public void close() throws IOException { downstream.close(); }

    private void collect(Alert a) {
        if (a.suppressed()) {
            suppressedCount++;
            suppressionReasons.merge(a.suppressedBecause(), 1L, Long::sum);
            if (suppressed.size() < MAX_SUPPRESSED) suppressed.add(a);
            return;
        }
        alerts++;
        counts.add(a);
        bySeverity.merge(a.severity(), 1L, Long::sum);
        kept.add(a);
        if (kept.size() > MAX_DETAILED) kept.poll();
        String account = a.user().isKnown() ? a.user().display() : "unknown";
        AccountRow row = accounts.computeIfAbsent(account.toLowerCase(Locale.ROOT), k -> new AccountRow(account));
        row.total++;
        row.bySeverity.merge(a.severity(), 1L, Long::sum);
        if (row.hosts.size() < 20) row.hosts.addAll(AlertCounts.hosts(a));
        if ("S-1-5-18".equals(a.user().getSid())) row.localSystem = true;
        for (String r : a.reasons()) {
            if (LOCAL_SYSTEM.matcher(r).find()) row.localSystem = true;
            if (SERVICE.matcher(r).find()) row.service = true;
            if (escalations.size() < MAX_DISTINCT || escalations.containsKey(r)) escalations.merge(r, 1L, Long::sum);
        }
        for (String c : a.context()) if (SERVICE.matcher(c).find()) row.service = true;
    }

    /** The report. {@code inputs} as the user named them; {@code generated} the time to print as "written at". */
    public void writeTo(Writer w, RunStats stats, List<String> inputs, Instant generated) throws IOException {
        List<Alert> list = new ArrayList<>(kept);
        list.sort(Comparator.comparingLong(Alert::time).thenComparing(a -> a.rule().id()));
        Map<Alert, String> ids = new IdentityHashMap<>();
        for (Alert a : list) ids.put(a, "a" + (ids.size() + 1));

        StringBuilder o = new StringBuilder(64 * 1024);
        o.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Tripline report</title>\n<style>").append(CSS).append("</style></head><body>\n");
        o.append("<h1>Tripline report</h1>\n<p class=\"muted\">Written ").append(Html.esc(generated.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
                .append(" by Tripline. Every value from the logs is shown as text.</p>\n");
        glance(o, stats, inputs);
        timeline(o, list, ids);
        groups(o, "by-rule", "Alerts by rule", "Rule", counts.byRule(), true);
        groups(o, "by-technique", "Alerts by ATT&amp;CK technique", "Technique (from the rule's tags)", counts.byTechnique(), false);
        groups(o, "by-host", "Alerts by host", "Host", counts.byHost(), false);
        accountsSection(o);
        escalationsSection(o);
        alertsSection(o, list, ids);
        suppressedSection(o);
        o.append("</body></html>\n");
        w.write(o.toString());
        w.flush();
    }

    private void glance(StringBuilder o, RunStats s, List<String> inputs) {
        o.append("<section id=\"glance\"><h2>The run at a glance</h2>\n<table class=\"kv\">\n");
        o.append("<tr><th>Inputs</th><td>");
        boolean many = inputs.size() > 4;
        if (many) o.append("<details><summary>").append(inputs.size()).append(" inputs</summary>");
        for (String i : inputs) o.append("<code>").append(Html.esc(i)).append("</code><br>");
        if (many) o.append("</details>");
        o.append("</td></tr>\n");
        o.append("<tr><th>Event time</th><td>");
        if (s.events() > 0) o.append(time(s.firstEventTime())).append(" … ").append(time(s.lastEventTime()));
        else o.append("no events");
        o.append("</td></tr>\n");
        o.append(String.format(Locale.ROOT, "<tr><th>Read</th><td>%,d input(s), %,d lines, %,d events normalized, %,d skipped, %,d rejected</td></tr>%n",
                s.inputs(), s.lines(), s.events(), s.skippedCount(), s.rejectedCount()));
        tallies(o, "Skipped", s.skipped());
        tallies(o, "Rejected", s.rejected());
        for (Map.Entry<String, String> u : s.unreadable().entrySet()) {
            o.append("<tr><th>Unreadable</th><td><code>").append(Html.esc(u.getKey())).append("</code>: ")
                    .append(Html.esc(u.getValue())).append("</td></tr>\n");
        }
        o.append("<tr><th>Alerts</th><td><span class=\"big\">").append(alerts).append("</span> ");
        for (Severity sev : desc()) {
            long n = bySeverity.getOrDefault(sev, 0L);
            if (n > 0) o.append(badge(sev)).append(' ').append(n).append(" &nbsp; ");
        }
        o.append("</td></tr>\n");
        o.append(String.format(Locale.ROOT, "<tr><th>Not shown</th><td>%,d suppressed by the allowlist (<a href=\"#suppressed\">below</a>), "
                + "%,d filtered out, %,d repeats folded into the alerts</td></tr>%n", suppressedCount, s.filtered(), s.folded()));
        if (!s.evicted().isEmpty()) {
            o.append(String.format(Locale.ROOT, "<tr><th>State limit</th><td>%,d time-bound fact(s) let go before their windows ended; correlations over them may be missed</td></tr>%n",
                    s.evicted().values().stream().mapToLong(Long::longValue).sum()));
        }
        if (s.segments() > 1 || s.lateEvents() > 0) {
            o.append(String.format(Locale.ROOT, "<tr><th>Replay</th><td>%,d segment(s), %,d late event(s)</td></tr>%n", s.segments(), s.lateEvents()));
        }
        o.append(String.format(Locale.ROOT, "<tr><th>Took</th><td>%.2f s, %,.0f events/s</td></tr>%n", s.seconds(), s.eventsPerSecond()));
        o.append("</table></section>\n");
    }

    private static void tallies(StringBuilder o, String what, Map<String, Tally> tallies) {
        for (Map.Entry<String, Tally> t : tallies.entrySet()) {
            o.append("<tr><th>").append(what).append("</th><td>").append(t.getValue().count()).append(" × ")
                    .append(Html.esc(t.getKey())).append(", e.g. <code>")
                    .append(Html.esc(String.join("; ", t.getValue().examples()))).append("</code></td></tr>\n");
        }
    }

    /** Hosts as rows, alerts as marks in time; each correlation a line through the events it ties together. */
    private void timeline(StringBuilder o, List<Alert> list, Map<Alert, String> ids) {
        o.append("<section id=\"timeline\"><h2>Timeline by host</h2>\n");
        if (list.isEmpty()) {
            o.append("<p>No alerts.</p></section>\n");
            return;
        }
        Map<String, Long> hostAlerts = new HashMap<>();
        Map<String, String> hostNames = new HashMap<>();
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (Alert a : list) {
            for (String h : AlertCounts.hosts(a)) {
                String k = h.toLowerCase(Locale.ROOT);
                hostAlerts.merge(k, 1L, Long::sum);
                hostNames.putIfAbsent(k, h);
            }
            if (a.host() == null) hostAlerts.merge("", 1L, Long::sum);
            for (ProcessEvent e : a.events()) {
                min = Math.min(min, e.getTime());
                max = Math.max(max, e.getTime());
            }
            min = Math.min(min, a.time());
            max = Math.max(max, a.time());
        }
        hostNames.putIfAbsent("", "(no host)");
        List<String> hosts = new ArrayList<>(hostAlerts.keySet());
        hosts.sort(Comparator.comparing((String h) -> -hostAlerts.get(h)).thenComparing(h -> h));
        int hidden = Math.max(0, hosts.size() - MAX_TIMELINE_HOSTS);
        if (hidden > 0) hosts = hosts.subList(0, MAX_TIMELINE_HOSTS);
        hosts.sort(Comparator.naturalOrder());
        Map<String, Integer> row = new HashMap<>();
        for (String h : hosts) row.put(h, row.size());
        if (max - min < 60_000) {
            min -= 30_000;
            max += 30_000;
        }
        final long t0 = min, t1 = max;
        int label = 200, plot = 900, rowH = 28, top = 30;
        int height = top + hosts.size() * rowH + 10;
        java.util.function.LongToDoubleFunction x = t -> label + 10 + (plot - 20) * (double) (t - t0) / (t1 - t0);
        java.util.function.Function<String, Double> y = h -> top + row.get(h) * rowH + rowH / 2.0;

        o.append("<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 ")
                .append(label + plot).append(' ').append(height).append("\" width=\"100%\">\n");
        for (int i = 0; i <= 4; i++) {
            long t = t0 + (t1 - t0) * i / 4;
            double tx = x.applyAsDouble(t);
            o.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", tx, top - 6, tx, height - 6));
            o.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n", tx, top - 10,
                    i == 0 ? "start" : i == 4 ? "end" : "middle", Html.esc(Instant.ofEpochMilli(t).toString())));
        }
        for (String h : hosts) {
            double ry = y.apply(h);
            o.append(String.format(Locale.ROOT, "<line class=\"row\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", label, ry, label + plot, ry));
            o.append(String.format(Locale.ROOT, "<text class=\"host\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", label - 8, ry + 4,
                    Html.esc(clip(hostNames.get(h), 28))));
        }
        // Detections first, correlations drawn over them.
        for (Alert a : list) {
            if (a.kind().equals("correlation")) continue;
            String h = a.host() == null ? "" : a.host().toLowerCase(Locale.ROOT);
            if (!row.containsKey(h)) continue;
            o.append("<a href=\"#").append(ids.get(a)).append("\"><circle class=\"mark\" cx=\"")
                    .append(fmt(x.applyAsDouble(a.time()))).append("\" cy=\"").append(fmt(y.apply(h)))
                    .append("\" r=\"6\" fill=\"").append(SeverityColour.css(a.severity())).append("\"><title>")
                    .append(Html.esc(tooltip(a))).append("</title></circle></a>\n");
        }
        for (Alert a : list) {
            if (!a.kind().equals("correlation")) continue;
            StringBuilder pts = new StringBuilder();
            for (ProcessEvent e : a.events()) {
                String h = e.getHost() == null ? "" : e.getHost().toLowerCase(Locale.ROOT);
                if (!row.containsKey(h)) continue;
                pts.append(fmt(x.applyAsDouble(e.getTime()))).append(',').append(fmt(y.apply(h))).append(' ');
            }
            String colour = SeverityColour.css(a.severity());
            o.append("<a href=\"#").append(ids.get(a)).append("\"><g class=\"correlation\"><title>").append(Html.esc(tooltip(a))).append("</title>");
            if (!pts.isEmpty()) {
                o.append("<polyline points=\"").append(pts.toString().trim()).append("\" stroke=\"").append(colour).append("\"/>");
            }
            // The diamond sits where the correlation was raised: its last event.
            ProcessEvent last = a.events().isEmpty() ? null : a.events().get(a.events().size() - 1);
            String lastHost = last != null && last.getHost() != null ? last.getHost() : a.host();
            String h = lastHost == null ? "" : lastHost.toLowerCase(Locale.ROOT);
            if (row.containsKey(h)) {
                double cx = x.applyAsDouble(last != null ? last.getTime() : a.time()), cy = y.apply(h);
                o.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" transform=\"rotate(45 %.1f %.1f)\" fill=\"%s\"/>",
                        cx - 6, cy - 6, cx, cy, colour));
            }
            o.append("</g></a>\n");
        }
        o.append("</svg>\n<p class=\"legend\">");
        for (Severity s : desc()) o.append(badge(s)).append(' ');
        o.append(" ● a detection &nbsp; ◆ a correlation, its line joining the events it ties together. Marks link to the alert.");
        if (hidden > 0) o.append(" ").append(hidden).append(" host(s) with fewer alerts are not drawn.");
        o.append("</p></section>\n");
    }

    private static void groups(StringBuilder o, String id, String title, String column, List<AlertCounts.Group> groups, boolean withId) {
        o.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>\n");
        if (groups.isEmpty()) {
            o.append("<p>None.</p></section>\n");
            return;
        }
        o.append("<table><tr><th>").append(column).append("</th><th class=\"n\">Alerts</th>");
        for (Severity s : desc()) o.append("<th class=\"n\">").append(s.label()).append("</th>");
        o.append("</tr>\n");
        for (AlertCounts.Group g : groups) {
            o.append("<tr><td>").append(Html.esc(g.label()));
            if (withId) o.append("<br><code class=\"muted\">").append(Html.esc(g.key())).append("</code>");
            o.append("</td><td class=\"n\">").append(g.total()).append("</td>");
            for (Severity s : desc()) o.append("<td class=\"n\">").append(g.count(s) == 0 ? "" : String.valueOf(g.count(s))).append("</td>");
            o.append("</tr>\n");
        }
        o.append("</table></section>\n");
    }

    private void accountsSection(StringBuilder o) {
        o.append("<section id=\"by-account\"><h2>Alerts by account</h2>\n");
        if (accounts.isEmpty()) {
            o.append("<p>None.</p></section>\n");
            return;
        }
        o.append("<p class=\"muted\">Marks come from the alerts' reasons: <span class=\"tag sys\">LOCAL_SYSTEM</span> "
                + "the account ran as LOCAL_SYSTEM, <span class=\"tag svc\">service identity</span> a service account, "
                + "pool identity or service logon.</p>\n<table><tr><th>Account</th><th class=\"n\">Alerts</th><th>Worst</th><th>Hosts</th></tr>\n");
        List<AccountRow> rows = new ArrayList<>(accounts.values());
        rows.sort(Comparator.comparingLong((AccountRow r) -> -r.total).thenComparing(r -> r.name));
        for (AccountRow r : rows) {
            Severity worst = Severity.INFORMATIONAL;
            for (Severity s : r.bySeverity.keySet()) worst = worst.max(s);
            o.append("<tr><td>").append(Html.esc(r.name));
            if (r.localSystem) o.append(" <span class=\"tag sys\">LOCAL_SYSTEM</span>");
            if (r.service) o.append(" <span class=\"tag svc\">service identity</span>");
            o.append("</td><td class=\"n\">").append(r.total).append("</td><td>").append(badge(worst)).append("</td><td>")
                    .append(Html.esc(String.join(", ", r.hosts))).append("</td></tr>\n");
        }
        o.append("</table></section>\n");
    }

    private void escalationsSection(StringBuilder o) {
        o.append("<section id=\"escalations\"><h2>Why severities rose</h2>\n");
        if (escalations.isEmpty()) {
            o.append("<p>No alert was escalated.</p></section>\n");
            return;
        }
        List<Map.Entry<String, Long>> list = new ArrayList<>(escalations.entrySet());
        list.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        o.append("<table><tr><th>Reason</th><th class=\"n\">Alerts</th></tr>\n");
        for (Map.Entry<String, Long> e : list) {
            o.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td class=\"n\">").append(e.getValue()).append("</td></tr>\n");
        }
        o.append("</table></section>\n");
    }

    private void alertsSection(StringBuilder o, List<Alert> list, Map<Alert, String> ids) {
        o.append("<section id=\"alerts\"><h2>Alerts</h2>\n");
        if (alerts > list.size()) {
            o.append("<p class=\"muted\">The ").append(list.size()).append(" most severe of ").append(alerts)
                    .append(" alerts; the counts above include them all, and --format csv or jsonl lists every one.</p>\n");
        }
        for (Alert a : list) details(o, a, ids.get(a));
        if (list.isEmpty()) o.append("<p>No alerts.</p>\n");
        o.append("</section>\n");
    }

    private void suppressedSection(StringBuilder o) {
        o.append("<section id=\"suppressed\"><h2>Suppressed alerts</h2>\n");
        if (suppressedCount == 0) {
            o.append("<p>No alert was suppressed.</p></section>\n");
            return;
        }
        o.append("<table><tr><th>Allowlist reason</th><th class=\"n\">Alerts</th></tr>\n");
        for (Map.Entry<String, Long> e : suppressionReasons.entrySet()) {
            o.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td class=\"n\">").append(e.getValue()).append("</td></tr>\n");
        }
        o.append("</table>\n");
        if (suppressedCount > suppressed.size()) o.append("<p class=\"muted\">The first ").append(suppressed.size()).append(" of ").append(suppressedCount).append(":</p>\n");
        int n = 0;
        for (Alert a : suppressed) details(o, a, "s" + (++n));
        o.append("</section>\n");
    }

    private static void details(StringBuilder o, Alert a, String id) {
        o.append("<details class=\"alert\" id=\"").append(id).append("\"><summary>")
                .append("<span class=\"time\">").append(time(a.time())).append("</span> ").append(badge(a.severity()))
                .append(" <span class=\"kind\">").append(Html.esc(a.kind())).append("</span> <b>").append(Html.esc(a.rule().title()))
                .append("</b> <span class=\"who\">").append(Html.esc(String.join(", ", AlertCounts.hosts(a)))).append(" · ")
                .append(Html.esc(a.user().isKnown() ? a.user().display() : "unknown")).append("</span>");
        if (a.count() > 1) o.append(" <span class=\"muted\">×").append(a.count()).append("</span>");
        o.append("</summary>\n<div class=\"body\">\n");
        if (a.suppressed()) o.append("<p><b>Suppressed:</b> ").append(Html.esc(a.suppressedBecause())).append("</p>\n");
        o.append("<p>Rule <code>").append(Html.esc(a.rule().id())).append("</code> (level ").append(Html.esc(a.rule().level().label()))
                .append(")");
        if (!a.rule().tags().isEmpty()) o.append(", tags ").append(Html.esc(String.join(", ", a.rule().tags())));
        o.append("</p>\n");
        if (a.count() > 1) o.append("<p>Seen ").append(a.count()).append(" times, ").append(time(a.firstSeen())).append(" … ").append(time(a.lastSeen())).append("</p>\n");
        if (!a.reasons().isEmpty()) {
            o.append("<p>Why this severity:</p><ul class=\"reasons\">");
            for (String r : a.reasons()) o.append("<li>").append(Html.esc(r)).append("</li>");
            o.append("</ul>\n");
        }
        if (!a.context().isEmpty()) {
            o.append("<p>Context:</p><ul>");
            for (String c : a.context()) o.append("<li>").append(Html.esc(c)).append("</li>");
            o.append("</ul>\n");
        }
        o.append("<table class=\"events\"><tr><th>Event</th><th>Time</th><th>Host</th><th>Account</th><th>Command line</th><th>Parent image</th></tr>\n");
        int shown = 0;
        for (ProcessEvent e : a.events()) {
            if (shown++ == MAX_EVENTS_SHOWN) break;
            o.append("<tr><td><code>").append(Html.esc(EventCitation.of(e.getSource()))).append("</code></td><td>").append(time(e.getTime()))
                    .append("</td><td>").append(Html.esc(e.getHost())).append("</td><td>").append(Html.esc(e.getActor().display()))
                    .append("</td><td><pre>").append(Html.esc(e.getCommandLine())).append("</pre></td><td><pre>")
                    .append(Html.esc(e.getParentImage())).append("</pre></td></tr>\n");
        }
        o.append("</table>\n");
        if (a.events().size() > MAX_EVENTS_SHOWN) o.append("<p class=\"muted\">and ").append(a.events().size() - MAX_EVENTS_SHOWN).append(" more event(s).</p>\n");
        o.append("</div></details>\n");
    }

    private static String tooltip(Alert a) {
        return Instant.ofEpochMilli(a.time()) + " " + a.severity().label() + " " + a.kind() + ": " + a.rule().title() + "\n"
                + (a.user().isKnown() ? a.user().display() : "unknown") + " on " + String.join(", ", AlertCounts.hosts(a))
                + (a.events().isEmpty() ? "" : "\n" + clip(a.events().get(0).getCommandLine(), 200));
    }

    private static String badge(Severity s) {
        return "<span class=\"sev\" style=\"background:" + SeverityColour.css(s) + "\">" + s.label() + "</span>";
    }

    private static List<Severity> desc() {
        List<Severity> l = new ArrayList<>(List.of(Severity.values()));
        java.util.Collections.reverse(l);
        return l;
    }

    private static String time(long t) { return Html.esc(Instant.ofEpochMilli(t).toString()); }

    private static String fmt(double d) { return String.format(Locale.ROOT, "%.1f", d); }

    private static String clip(String s, int n) {
        if (s == null) return "";
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#212529}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dee2e6;padding-bottom:4px}
            table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e9ecef;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f8f9fa;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;width:80px}
            table.kv th{width:140px}code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
            pre{margin:0;white-space:pre-wrap;word-break:break-all}.muted{color:#6c757d}.big{font-size:20px;font-weight:700;margin-right:8px}
            .sev{display:inline-block;color:#fff;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;min-width:64px;text-align:center}
            .tag{display:inline-block;border-radius:3px;padding:0 5px;font-size:11px;font-weight:600}
            .tag.sys{background:#ffe3e3;color:#a61e4d}.tag.svc{background:#e7f5ff;color:#1864ab}
            svg.timeline{background:#fcfcfd;border:1px solid #e9ecef}svg .grid{stroke:#e9ecef}svg .row{stroke:#f1f3f5}
            svg .tick{font-size:11px;fill:#6c757d}svg .host{font-size:12px;fill:#343a40}
            svg .mark{stroke:#fff;stroke-width:1.5}svg .correlation polyline{fill:none;stroke-width:3;stroke-opacity:.75}
            svg .correlation rect{stroke:#fff;stroke-width:1.5}.legend{font-size:12px}
            details.alert{border:1px solid #e9ecef;border-radius:4px;margin:4px 0}details.alert>summary{cursor:pointer;padding:6px 8px}
            details.alert[open]>summary{background:#f8f9fa}details.alert .body{padding:4px 12px 10px}
            .time{font:12px ui-monospace,Menlo,Consolas,monospace;color:#495057}.kind{color:#6c757d;font-size:12px}.who{color:#495057}
            table.events td{font-size:12px}ul.reasons li{margin:2px 0}
            """;
}
