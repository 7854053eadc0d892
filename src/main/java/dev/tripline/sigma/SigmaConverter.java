package dev.tripline.sigma;

import dev.tripline.engine.RuleFile;
import dev.tripline.engine.RuleSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sigma in, DRL out. Reads Sigma rule, correlation and filter documents and writes one DRL file per converted
 * rule or correlation; documents that cannot be converted faithfully are rejected with a reason.
 *
 * <pre>
 *   ConversionResult r = SigmaConverter.defaults().convertDirectory(dir);
 *   SigmaConverter.write(r, outputDir);                       // tripline sigma convert DIR --output OUT
 *   RuleSource both = SigmaConverter.merge(RuleSource.bundled(), r);  // tripline correlate --sigma DIR
 * </pre>
 */
public final class SigmaConverter {
    /** Where converted rules go (and so their DRL package) unless told otherwise. */
    public static final String DEFAULT_FOLDER = "tripline/sigma";

    private final String folder;
    private final Map<String, List<String>> placeholders;
    private final boolean prefilter;

    private SigmaConverter(String folder, Map<String, List<String>> placeholders) { this(folder, placeholders, true); }

    private SigmaConverter(String folder, Map<String, List<String>> placeholders, boolean prefilter) {
        if (!folder.matches("[a-z][a-z0-9_]*(/[a-z][a-z0-9_]*)*")) throw new IllegalArgumentException("folder must be a package path like tripline/sigma: " + folder);
        this.folder = folder;
        this.placeholders = Map.copyOf(placeholders);
        this.prefilter = prefilter;
    }

    /** Output under {@value #DEFAULT_FOLDER}, no {@code expand} placeholders configured. */
    public static SigmaConverter defaults() { return new SigmaConverter(DEFAULT_FOLDER, Map.of()); }

    /** Output under {@code folder} (a package path relative to the rules root, e.g. {@code tripline/detection/discovery/sigma}). */
    public SigmaConverter withFolder(String folder) { return new SigmaConverter(folder, placeholders, prefilter); }

    /**
     * With the prefilter (the default), a rule whose conditions need some text runs only on the events that hold
     * it ({@code @prefilter}, {@code sigma_prefilter.drl}); without, every rule is evaluated on every event. The
     * findings are the same; the prefilter makes an event's cost follow the rules it could match.
     */
    public SigmaConverter withPrefilter(boolean on) { return new SigmaConverter(folder, placeholders, on); }

    /** Values for {@code expand} placeholders ({@code %name%} → values, OR-ed). */
    public SigmaConverter withPlaceholders(Map<String, List<String>> values) { return new SigmaConverter(folder, values, prefilter); }

    /** A Sigma rule file larger than this is rejected unread (the largest SigmaHQ rule is about 60 KB). */
    static final long MAX_FILE_BYTES = 4L << 20;
    /**
     * Generated DRL larger than this is rejected: Drools cannot compile a condition that large (measured here:
     * 6,000 OR-ed values, 300 KB, compile; 8,000 do not), and one such rule would stop every other rule of the
     * run. The largest SigmaHQ process-creation rule converts to 76 KB.
     */
    static final int MAX_DRL_CHARS = 256 * 1024;
    /** Values per rule (all fields, all identifiers); the largest SigmaHQ rule has about 1,000. */
    static final int MAX_VALUES = 4096;
    /** Detection identifiers (selections) per rule; SigmaHQ rules use at most a few dozen. */
    static final int MAX_IDENTIFIERS = 256;
    private static final String SUPPORTED_CATEGORY = "process_creation";

    public ConversionResult convertFile(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException("Sigma rule not found: " + file);
        Map<String, String> sources = new LinkedHashMap<>();
        List<ConversionRejected.Rejection> unreadable = new ArrayList<>();
        read(file, sources, unreadable);
        return convert(sources, unreadable);
    }

    /** Every {@code .yml}/{@code .yaml} file below {@code dir}, converted together (so correlations and filters see their rules). */
    public ConversionResult convertDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("Sigma folder not found: " + dir);
        Map<String, String> sources = new LinkedHashMap<>();
        List<ConversionRejected.Rejection> unreadable = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile)
                    .filter(p -> { String n = p.getFileName().toString().toLowerCase(Locale.ROOT); return n.endsWith(".yml") || n.endsWith(".yaml"); })
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                read(p, sources, unreadable);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return convert(sources, unreadable);
    }

    /** One file's text into {@code sources}, or a rejection naming the file when it is too large or not UTF-8. */
    private static void read(Path p, Map<String, String> sources, List<ConversionRejected.Rejection> unreadable) throws IOException {
        String name = p.toString();
        long size = Files.size(p);
        if (size > MAX_FILE_BYTES) {
            unreadable.add(new ConversionRejected.Rejection(name, null, null, null,
                    "over limit: file is " + size + " bytes (limit " + MAX_FILE_BYTES + ")"));
            return;
        }
        byte[] bytes = Files.readAllBytes(p);
        try {
            sources.put(name, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            unreadable.add(new ConversionRejected.Rejection(name, null, null, null,
                    "invalid file: not UTF-8 text (Sigma rules are UTF-8); the file was left out"));
        }
    }

    /** A file or a folder, whichever {@code path} is. */
    public ConversionResult convert(Path path) throws IOException {
        if (!Files.exists(path)) throw new IOException("Sigma rule not found: " + path);
        return Files.isDirectory(path) ? convertDirectory(path) : convertFile(path);
    }

    /** Converts YAML texts keyed by the name messages should use (file path). */
    public ConversionResult convert(Map<String, String> sources) {
        return convert(sources, List.of());
    }

    private ConversionResult convert(Map<String, String> sources, List<ConversionRejected.Rejection> unreadable) {
        List<SigmaDocument> docs = new ArrayList<>();
        List<ConversionRejected.Rejection> rejections = new ArrayList<>(unreadable);
        for (var e : sources.entrySet()) {
            for (SigmaParser.Parsed p : SigmaParser.parse(e.getKey(), e.getValue())) {
                if (p.document() != null) docs.add(p.document());
                else rejections.add(p.rejected().rejection());
            }
        }
        List<SigmaDocument.Rule> rules = new ArrayList<>();
        List<SigmaDocument.Correlation> correlations = new ArrayList<>();
        List<SigmaDocument.Filter> filters = new ArrayList<>();
        for (SigmaDocument d : docs) {
            if (d instanceof SigmaDocument.Rule r) rules.add(r);
            else if (d instanceof SigmaDocument.Correlation c) correlations.add(c);
            else filters.add((SigmaDocument.Filter) d);
        }
        // Rules referenced only by correlations with generate: false feed them quietly.
        Map<String, String> idByName = new HashMap<>();
        for (SigmaDocument d : docs) {
            SigmaDocument.Meta m = meta(d);
            if (m.name() != null && m.id() != null) idByName.put(m.name(), m.id());
        }
        Set<String> generating = new HashSet<>(), quietCandidates = new HashSet<>();
        for (SigmaDocument.Correlation c : correlations) {
            for (String ref : c.rules()) (c.generate() ? generating : quietCandidates).add(idByName.getOrDefault(ref, ref));
        }
        quietCandidates.removeAll(generating);

        DetectionCompiler compiler = new DetectionCompiler(placeholders);
        String pkg = folder.replace('/', '.');
        Set<String> usedNames = new HashSet<>(), usedFiles = new HashSet<>();
        usedFiles.add(PrefilterRules.FILE.replace(".drl", ""));
        boolean prefiltered = false;
        List<RuleFile> files = new ArrayList<>();
        for (SigmaDocument.Rule r : rules) {
            try {
                if (r.id() == null) throw ConversionRejected.of("invalid document: no id");
                checkLogSource(r);
                if (r.detection().size() > MAX_IDENTIFIERS) {
                    throw ConversionRejected.of("over limit: " + r.detection().size() + " detection identifiers (limit " + MAX_IDENTIFIERS + ")");
                }
                long values = r.detection().values().stream().mapToLong(SigmaConverter::values).sum();
                if (values > MAX_VALUES) throw ConversionRejected.of("over limit: " + values + " values (limit " + MAX_VALUES + ")");
                List<SigmaDocument.Filter> applicable = filters.stream().filter(f -> applies(f, r)).toList();
                String name = unique(r.title(), r.id(), usedNames);
                String drl = RuleGenerator.generate(pkg, r, name, applicable, compiler, quietCandidates.contains(r.id()), prefilter);
                if (drl.length() > MAX_DRL_CHARS) {
                    throw ConversionRejected.of("over limit: the rule converts to " + drl.length() / 1024 + " KiB of DRL (limit "
                            + MAX_DRL_CHARS / 1024 + " KiB); Drools cannot compile a condition that large");
                }
                files.add(file(r.file(), drl, usedFiles));
                prefiltered |= drl.contains(" : SigmaCandidate( rule == ");
            } catch (ConversionRejected e) {
                rejections.add(e.in(r.file(), r.id()).rejection());
            } catch (StackOverflowError e) {
                rejections.add(ConversionRejected.of("over limit: the rule is nested too deeply to convert").in(r.file(), r.id()).rejection());
            }
        }
        for (SigmaDocument.Correlation c : correlations) {
            try {
                if (c.id() == null) throw ConversionRejected.of("invalid document: no id");
                String name = unique(c.title(), c.id(), usedNames);
                String drl = CorrelationGenerator.generate(pkg, c, name, idByName);
                files.add(file(c.file(), drl, usedFiles));
            } catch (ConversionRejected e) {
                rejections.add(e.in(c.file(), c.id()).rejection());
            }
        }
        String driver = folder + "/" + PrefilterRules.FILE;
        List<RuleFile> support = prefiltered ? List.of(new RuleFile(driver, driver, PrefilterRules.generate(pkg))) : List.of();
        return new ConversionResult(files, rejections, docs.size() + unreadable.size()
                + (int) rejections.stream().filter(x -> x.category().startsWith("invalid YAML") || x.category().startsWith("over limit") && x.ruleId() == null).count(),
                support);
    }

    private static long values(SigmaDocument.DetectionItem item) {
        if (item instanceof SigmaDocument.FieldGroup g) return g.matches().stream().mapToLong(m -> m.values().size()).sum();
        if (item instanceof SigmaDocument.AnyOf a) return a.items().stream().mapToLong(SigmaConverter::values).sum();
        if (item instanceof SigmaDocument.Keywords k) return k.values().size();
        return 0;
    }

    /** Tripline's events are process creations; a rule for another log source would only ever fail on its fields. */
    private static void checkLogSource(SigmaDocument.Rule r) throws ConversionRejected {
        String category = r.logsource().get("category");
        if (category != null && !category.equalsIgnoreCase(SUPPORTED_CATEGORY)) {
            throw ConversionRejected.of("unsupported log source: log source " + category + " is not supported (" + SUPPORTED_CATEGORY + " only)");
        }
        String service = r.logsource().get("service");
        if (category == null && service != null) {
            throw ConversionRejected.of("unsupported log source: log source service " + service + " is not supported (" + SUPPORTED_CATEGORY + " only)");
        }
    }

    private static SigmaDocument.Meta meta(SigmaDocument d) {
        if (d instanceof SigmaDocument.Rule r) return r.meta();
        if (d instanceof SigmaDocument.Correlation c) return c.meta();
        return ((SigmaDocument.Filter) d).meta();
    }

    /** A filter applies to a rule it names (by id or name), or to every rule with {@code rules: any}, when the logsource matches. */
    static boolean applies(SigmaDocument.Filter f, SigmaDocument.Rule r) {
        boolean named = f.anyRule() || f.rules().contains(r.id()) || (r.meta().name() != null && f.rules().contains(r.meta().name()));
        if (!named) return false;
        for (var e : f.logsource().entrySet()) {
            if (e.getKey().equals("definition")) continue;
            String mine = r.logsource().get(e.getKey());
            if (mine == null || !mine.equalsIgnoreCase(e.getValue())) return false;
        }
        return true;
    }

    private static String unique(String title, String id, Set<String> used) {
        String name = title.strip();
        if (!used.add(name.toLowerCase(Locale.ROOT))) {
            name = name + " [" + id + "]";
            used.add(name.toLowerCase(Locale.ROOT));
        }
        return name;
    }

    private RuleFile file(String source, String drl, Set<String> usedFiles) {
        String base = Path.of(source).getFileName().toString().replaceFirst("(?i)\\.ya?ml$", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        String name = base;
        for (int n = 2; !usedFiles.add(name); n++) name = base + "_" + n;
        String rel = folder + "/" + name + ".drl";
        return new RuleFile(source + " -> " + rel, rel, drl);
    }

    /** Writes every converted file below {@code outputRoot} (at its relative path); returns the paths written. */
    public static List<Path> write(ConversionResult result, Path outputRoot) throws IOException {
        List<Path> written = new ArrayList<>();
        for (RuleFile f : result.allFiles()) {
            Path p = outputRoot.resolve(f.relativePath()).normalize();
            if (!p.startsWith(outputRoot.normalize())) throw new IOException("refusing to write outside " + outputRoot + ": " + f.relativePath());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            written.add(p);
        }
        return written;
    }

    /** {@code base} plus the converted rules, for compiling DRL and Sigma together ({@code correlate --sigma}). */
    public static RuleSource merge(RuleSource base, ConversionResult converted) {
        List<RuleFile> more = new ArrayList<>(converted.files());
        for (RuleFile s : converted.support()) {
            // A second conversion into the same package needs no second prefilter: one serves the whole package.
            if (base.files().stream().noneMatch(f -> f.relativePath().equals(s.relativePath()))) more.add(s);
        }
        return base.plus(base.description() + " + " + converted.files().size() + " Sigma rules", more);
    }
}
