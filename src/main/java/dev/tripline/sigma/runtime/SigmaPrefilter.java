package dev.tripline.sigma.runtime;

import dev.tripline.model.ProcessEvent;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Which converted Sigma rules of one DRL package can possibly match a process event, found in one pass over the
 * event's folded field values instead of by evaluating every rule.
 *
 * <p>Each prefiltered rule carries {@code @prefilter}: text its conditions cannot match without, written by the
 * converter as clauses joined by {@code " & "}, each a choice of {@code field:literal} joined by {@code " | "}
 * (in a literal, {@code \}, {@code |} and {@code &} are escaped with {@code \}). The rule is a candidate for an
 * event when every clause has a literal that occurs in its field's folded value. Because the clauses are
 * necessary conditions only, the rule's own DRL conditions still decide; the prefilter only skips rules that
 * could not have matched. At the first event of a KieBase the literals of all its rules in the package are
 * compiled into one Aho–Corasick automaton per field ({@link LiteralAutomaton}); the result is cached per KieBase
 * and package, so a KIE host that loads the same DRL builds the same prefilter.
 */
public final class SigmaPrefilter {
    /** The folded accessors a literal may name, as the generated DRL writes them. */
    private static final Map<String, Function<ProcessEvent, String>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("imageLower", ProcessEvent::getImageLower);
        FIELDS.put("originalFileNameLower", ProcessEvent::getOriginalFileNameLower);
        FIELDS.put("commandLineLower", ProcessEvent::getCommandLineLower);
        FIELDS.put("parentImageLower", ProcessEvent::getParentImageLower);
        FIELDS.put("parentCommandLineLower", ProcessEvent::getParentCommandLineLower);
        FIELDS.put("userLower", ProcessEvent::getUserLower);
        FIELDS.put("actor.nameLower", e -> e.getActor() == null ? "" : e.getActor().getNameLower());
        FIELDS.put("actor.domainLower", e -> e.getActor() == null ? "" : e.getActor().getDomainLower());
        FIELDS.put("integrityLevelLower", ProcessEvent::getIntegrityLevelLower);
        FIELDS.put("logonIdLower", ProcessEvent::getLogonIdLower);
        FIELDS.put("currentDirectoryLower", ProcessEvent::getCurrentDirectoryLower);
        FIELDS.put("hashesLower", ProcessEvent::getHashesLower);
        FIELDS.put("descriptionLower", ProcessEvent::getDescriptionLower);
        FIELDS.put("productLower", ProcessEvent::getProductLower);
        FIELDS.put("companyLower", ProcessEvent::getCompanyLower);
        FIELDS.put("fileVersionLower", ProcessEvent::getFileVersionLower);
        FIELDS.put("parentUserLower", ProcessEvent::getParentUserLower);
        FIELDS.put("hostKey", ProcessEvent::getHostKey);
    }

    /**
     * For the folded accessors that fold on every call: the raw value they fold (Text.fold of it), which the
     * scan folds as it reads when it is ASCII, instead of building the folded copy.
     */
    private static final Map<String, Function<ProcessEvent, String>> RAW = new LinkedHashMap<>();

    static {
        RAW.put("parentCommandLineLower", ProcessEvent::getParentCommandLine);
        RAW.put("userLower", ProcessEvent::getUser);
        RAW.put("integrityLevelLower", ProcessEvent::getIntegrityLevel);
        RAW.put("logonIdLower", ProcessEvent::getLogonId);
        RAW.put("currentDirectoryLower", ProcessEvent::getCurrentDirectory);
        RAW.put("hashesLower", ProcessEvent::getHashes);
        RAW.put("descriptionLower", ProcessEvent::getDescription);
        RAW.put("productLower", ProcessEvent::getProduct);
        RAW.put("companyLower", ProcessEvent::getCompany);
        RAW.put("fileVersionLower", ProcessEvent::getFileVersion);
        RAW.put("parentUserLower", ProcessEvent::getParentUser);
    }

    private static final Map<KieBase, Map<String, SigmaPrefilter>> BUILT = Collections.synchronizedMap(new WeakHashMap<>());

    /** One literal a rule needs in one folded field. */
    public record Literal(String field, String text) {}

    /**
     * A field's automaton and, per literal, the (rule, clause) pairs it satisfies: literal {@code i}'s pairs are
     * {@code postings[postingStart[i] .. postingStart[i + 1])}, rule and clause side by side, all literals' in one
     * array (one small array per literal was a jump across the heap for each literal found); {@code raw} is null
     * or the raw value that {@code value} folds.
     */
    private record FieldScan(Function<ProcessEvent, String> value, Function<ProcessEvent, String> raw,
                             LiteralAutomaton automaton, int[] postingStart, int[] postings) {}

    private final String rulePackage;
    private final String[] ruleNames;
    private final long[] fullMask;     // per rule: one bit per clause
    private final List<FieldScan> scans;
    private final List<String> always; // rules whose requirement could not be read: candidates for every event
    private final ThreadLocal<Scratch> scratch;
    /**
     * The last thread's scratch, read before the thread-local: a Flink task thread runs hundreds of sessions and
     * its thread-local map is crowded, so a lookup there probes far (a few percent of the job's CPU).
     */
    private volatile Scratch last;

    private SigmaPrefilter(String rulePackage, String[] ruleNames, long[] fullMask, List<FieldScan> scans, List<String> always) {
        this.rulePackage = rulePackage;
        this.ruleNames = ruleNames;
        this.fullMask = fullMask;
        this.scans = scans;
        this.always = always;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(ruleNames.length, scans));
    }

    /** One thread's working state for scanning events; it is also the callback the automata report literals to. */
    private final class Scratch implements IntConsumer {
        final Thread owner = Thread.currentThread();
        final int[] stamp;
        final long[] mask;
        final int[][] seen; // per field, per literal: the event that last reported it (each literal counts once)
        int event;
        int[] rules = new int[8]; // the candidates of the event being scanned, in the order found
        int found;
        // The field being scanned (set per field, so the scan allocates nothing).
        private int[] seenHere, start, postings;
        private int now;

        void field(int[] seen, int[] start, int[] postings, int now) {
            this.seenHere = seen;
            this.start = start;
            this.postings = postings;
            this.now = now;
        }

        /** A literal found in the field: each counts once per event; a rule whose every clause is met is a candidate. */
        @Override public void accept(int literal) {
            if (seenHere[literal] == now) return;
            seenHere[literal] = now;
            int[] p = postings;
            for (int j = start[literal], end = start[literal + 1]; j < end; j += 2) {
                int rule = p[j];
                if (stamp[rule] != now) {
                    stamp[rule] = now;
                    mask[rule] = 0;
                }
                long before = mask[rule];
                if (before == fullMask[rule]) continue; // already a candidate
                long after = before | (1L << p[j + 1]);
                mask[rule] = after;
                if (after == fullMask[rule]) add(rule);
            }
        }

        void add(int rule) {
            if (found == rules.length) rules = Arrays.copyOf(rules, found * 2);
            rules[found++] = rule;
        }

        Scratch(int rules, List<FieldScan> scans) {
            stamp = new int[rules];
            mask = new long[rules];
            seen = new int[scans.size()][];
            for (int i = 0; i < scans.size(); i++) seen[i] = new int[scans.get(i).automaton().literals()];
        }
    }

    /** For the prefilter rule's consequence: the prefilter of the firing rule's package in the session's KieBase. */
    public static SigmaPrefilter of(RuleContext kcontext) {
        return of(kcontext.getKieRuntime().getKieBase(), kcontext.getRule().getPackageName());
    }

    /** The prefilter of package {@code pkg} in {@code kieBase}: built once, then shared (it is thread-safe). */
    static SigmaPrefilter of(KieBase kieBase, String pkg) {
        Map<String, SigmaPrefilter> byPackage = BUILT.get(kieBase);
        SigmaPrefilter p = byPackage == null ? null : byPackage.get(pkg);
        if (p != null) return p;
        synchronized (BUILT) {
            byPackage = BUILT.computeIfAbsent(kieBase, k -> new HashMap<>());
            p = byPackage.get(pkg);
            if (p == null) {
                KiePackage kp = kieBase.getKiePackage(pkg);
                Map<String, String> requirements = new LinkedHashMap<>();
                if (kp != null) {
                    for (Rule r : kp.getRules()) {
                        Object meta = r.getMetaData().get("prefilter");
                        if (meta != null) requirements.put(r.getName(), annotationText(meta));
                    }
                }
                p = build(pkg, requirements);
                byPackage.put(pkg, p);
            }
            return p;
        }
    }

    /** The prefilter of rules by name, each with its {@code @prefilter} text. */
    public static SigmaPrefilter build(String rulePackage, Map<String, String> requirementByRule) {
        List<String> names = new ArrayList<>();
        List<Long> masks = new ArrayList<>();
        List<String> always = new ArrayList<>();
        Map<String, Map<String, List<int[]>>> byField = new LinkedHashMap<>(); // field -> literal -> (rule, clause)
        for (var r : requirementByRule.entrySet()) {
            List<List<Literal>> clauses;
            try {
                clauses = decode(r.getValue());
            } catch (IllegalArgumentException e) {
                clauses = List.of();
            }
            boolean usable = !clauses.isEmpty() && clauses.size() <= 64
                    && clauses.stream().allMatch(c -> !c.isEmpty() && c.stream().allMatch(l -> FIELDS.containsKey(l.field()) && !l.text().isEmpty()));
            if (!usable) {
                always.add(r.getKey());
                continue;
            }
            int rule = names.size();
            names.add(r.getKey());
            masks.add(clauses.size() == 64 ? -1L : (1L << clauses.size()) - 1);
            for (int c = 0; c < clauses.size(); c++) {
                for (Literal l : clauses.get(c)) {
                    byField.computeIfAbsent(l.field(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(l.text(), k -> new ArrayList<>()).add(new int[]{rule, c});
                }
            }
        }
        List<FieldScan> scans = new ArrayList<>();
        for (var f : byField.entrySet()) {
            List<String> literals = new ArrayList<>(f.getValue().keySet());
            int[] postingStart = new int[literals.size() + 1];
            for (int i = 0; i < literals.size(); i++) postingStart[i + 1] = postingStart[i] + 2 * f.getValue().get(literals.get(i)).size();
            int[] postings = new int[postingStart[literals.size()]];
            for (int i = 0; i < literals.size(); i++) {
                List<int[]> ps = f.getValue().get(literals.get(i));
                for (int j = 0; j < ps.size(); j++) {
                    postings[postingStart[i] + 2 * j] = ps.get(j)[0];
                    postings[postingStart[i] + 2 * j + 1] = ps.get(j)[1];
                }
            }
            scans.add(new FieldScan(FIELDS.get(f.getKey()), RAW.get(f.getKey()), LiteralAutomaton.of(literals), postingStart, postings));
        }
        return new SigmaPrefilter(rulePackage, names.toArray(new String[0]), masks.stream().mapToLong(Long::longValue).toArray(),
                List.copyOf(scans), List.copyOf(always));
    }

    /** Names of the rules this prefilter decides for (those with a usable requirement). */
    public List<String> prefiltered() { return List.of(ruleNames); }

    /**
     * What a reader thread can do for the session ahead of time: the scan of each event by every prefilter of
     * {@code kieBase} (one per package with {@code @prefilter} rules), left on the event
     * ({@link ProcessEvent#readAhead}), so the session thread's {@link #candidates} only turns it into facts. The
     * result is the same as scanning in the session; an event not scanned ahead is scanned there.
     */
    public static Consumer<ProcessEvent> readAhead(KieBase kieBase) {
        List<SigmaPrefilter> prefilters = new ArrayList<>();
        for (KiePackage kp : kieBase.getKiePackages()) {
            if (kp.getRules().stream().anyMatch(r -> r.getMetaData().get("prefilter") != null)) prefilters.add(of(kieBase, kp.getName()));
        }
        return readAhead(prefilters.toArray(new SigmaPrefilter[0]));
    }

    /** The scan of each event by {@code all}, left on the event. */
    static Consumer<ProcessEvent> readAhead(SigmaPrefilter... all) {
        if (all.length == 0) return e -> {};
        return e -> {
            Scanned[] done = new Scanned[all.length];
            for (int i = 0; i < all.length; i++) done[i] = new Scanned(all[i], all[i].matchingRules(e));
            e.readAhead(done);
        };
    }

    /** One prefilter's scan of an event, done ahead: the rules that are candidates, in the order found. */
    private record Scanned(SigmaPrefilter by, int[] rules) {}

    /** The candidate facts for {@code event}: one per rule whose every clause has a literal in the event. */
    public List<SigmaCandidate> candidates(ProcessEvent event) {
        int[] rules = null;
        if (event.readAhead() instanceof Scanned[] done) {
            for (Scanned d : done) if (d.by() == this) rules = d.rules();
        }
        if (rules == null) rules = matchingRules(event);
        List<SigmaCandidate> out = new ArrayList<>(always.size() + rules.length);
        for (String r : always) out.add(new SigmaCandidate(r, rulePackage, event));
        for (int rule : rules) out.add(new SigmaCandidate(ruleNames[rule], rulePackage, event));
        return out;
    }

    /** The prefiltered rules (indexes into {@link #ruleNames}) whose every clause has a literal in the event. */
    private int[] matchingRules(ProcessEvent event) {
        Scratch cached = last;
        if (cached == null || cached.owner != Thread.currentThread()) last = cached = scratch.get();
        final Scratch s = cached;
        s.found = 0;
        int stamp = ++s.event;
        if (stamp == 0) { // wrapped: start over
            Arrays.fill(s.stamp, 0);
            for (int[] seen : s.seen) Arrays.fill(seen, 0);
            stamp = s.event = 1;
        }
        final int now = stamp;
        for (int fi = 0; fi < scans.size(); fi++) {
            FieldScan f = scans.get(fi);
            s.field(s.seen[fi], f.postingStart(), f.postings(), now);
            if (f.raw() != null) { // fold while scanning; a non-ASCII value is scanned again, folded
                String raw = f.raw().apply(event);
                if (raw == null || raw.isEmpty() || f.automaton().scanAsciiFolded(raw, s)) continue;
            }
            String value = f.value().apply(event);
            if (value == null || value.isEmpty()) continue;
            f.automaton().scan(value, s);
        }
        return Arrays.copyOf(s.rules, s.found);
    }

    // --- the @prefilter text ---

    /** {@code clauses} as {@code @prefilter} text. */
    public static String encode(List<List<Literal>> clauses) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < clauses.size(); c++) {
            if (c > 0) b.append(" & ");
            List<Literal> clause = clauses.get(c);
            for (int i = 0; i < clause.size(); i++) {
                if (i > 0) b.append(" | ");
                Literal l = clause.get(i);
                b.append(l.field()).append(':');
                for (int k = 0; k < l.text().length(); k++) {
                    char ch = l.text().charAt(k);
                    if (ch == '\\' || ch == '|' || ch == '&') b.append('\\');
                    b.append(ch);
                }
            }
        }
        return b.toString();
    }

    /** The clauses of {@code @prefilter} text; IllegalArgumentException when it is not in that form. */
    public static List<List<Literal>> decode(String text) {
        List<List<Literal>> clauses = new ArrayList<>();
        List<Literal> clause = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : '&';
            if (ch == '\\' && i + 1 < text.length()) {
                item.append(text.charAt(++i));
                continue;
            }
            if (ch != '|' && ch != '&') {
                item.append(ch);
                continue;
            }
            if (i < text.length()) { // a delimiter is " | " or " & ": drop its spaces
                if (item.length() == 0 || item.charAt(item.length() - 1) != ' ' || i + 1 >= text.length() || text.charAt(i + 1) != ' ')
                    throw new IllegalArgumentException("malformed @prefilter near offset " + i);
                item.setLength(item.length() - 1);
                i++;
            }
            int colon = item.indexOf(":");
            if (colon <= 0) throw new IllegalArgumentException("malformed @prefilter item: " + item);
            clause.add(new Literal(item.substring(0, colon), item.substring(colon + 1)));
            item.setLength(0);
            if (ch == '&') {
                clauses.add(clause);
                clause = new ArrayList<>();
            }
        }
        return clauses;
    }

    /**
     * An annotation value as Drools hands it over: the DRL string literal itself (quotes and escapes as written)
     * or its value, depending on the build path; both give the value.
     */
    static String annotationText(Object meta) {
        String s = String.valueOf(meta);
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') return s;
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length() - 1) { b.append(c); continue; }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
