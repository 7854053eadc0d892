package dev.tripline.engine;

import org.kie.api.KieBase;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Compiled rule sets of earlier runs ({@code --rules}, {@code --sigma}), so a second run with the same rule files
 * loads the KieBase instead of converting and compiling them again (all SigmaHQ rules: seconds instead of a quarter
 * of a minute). An entry is found by a {@link Key}: SHA-256 over every input file's path and bytes, the Tripline
 * version and build, the Drools version and the Java version, so any change to what would be compiled, or to what
 * compiles it, is another entry. An entry also keeps what the compile said (Sigma rules left out, duplicate ids,
 * warnings), which a hit says again.
 *
 * <p>The cache only ever saves time: an entry that cannot be read (corrupt, truncated, written by another build)
 * is ignored with a note and rebuilt, and a failure to write one is said once and the run goes on. Entries are
 * written to a temporary file and moved into place, so concurrent runs never read half an entry; the
 * {@value #KEEP} most recently used are kept.
 */
public final class RulesCache {
    /** Entries kept in the folder; older ones (by last use) are deleted after a write. */
    static final int KEEP = 6;
    private static final String FORMAT = "tripline-rules-cache 1";
    private static final String SUFFIX = ".rules";

    private final Path dir;
    private final Consumer<String> notes;
    private boolean writeFailureSaid;

    private RulesCache(Path dir, Consumer<String> notes) {
        this.dir = dir;
        this.notes = notes;
    }

    /** A cache in {@code dir} (created on first write); notes (a rebuilt entry, a failed write) go to {@code notes}. */
    public static RulesCache in(Path dir, Consumer<String> notes) {
        return new RulesCache(dir, notes);
    }

    public Path directory() { return dir; }

    /**
     * Where the cache lives by default: {@code $TRIPLINE_RULES_CACHE} when set (a folder, or {@code off}), else
     * {@code $XDG_CACHE_HOME/tripline/rules}, else {@code ~/.cache/tripline/rules}. Empty when turned off or no
     * home is known.
     */
    public static Optional<Path> defaultDirectory(Map<String, String> env) {
        return defaultDirectory(env, System.getProperty("tripline.rules.cache"));
    }

    /** As {@link #defaultDirectory(Map)}, with the system property {@code tripline.rules.cache} (tests) first. */
    static Optional<Path> defaultDirectory(Map<String, String> env, String property) {
        String explicit = property != null ? property : env.get("TRIPLINE_RULES_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return "off".equalsIgnoreCase(explicit.strip()) ? Optional.empty() : Optional.of(Path.of(explicit));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Optional.of(Path.of(xdg, "tripline", "rules"));
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || "?".equals(home)) return Optional.empty();
        return Optional.of(Path.of(home, ".cache", "tripline", "rules"));
    }

    /** A compiled rule set and the lines its compile wrote to stderr (to say again on a hit). */
    public record Entry(CompiledRules rules, List<String> notes) {
        public Entry {
            notes = List.copyOf(notes);
        }
    }

    /** The entry for {@code key}, if there is a readable one; an unreadable one is noted and deleted. */
    public Optional<Entry> load(Key key) {
        Path file = dir.resolve(key.hex() + SUFFIX);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (InputStream raw = Files.newInputStream(file);
             ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(new InflaterInputStream(raw, new java.util.zip.Inflater(), 1 << 16), 1 << 16))) {
            if (!FORMAT.equals(in.readUTF())) throw new IOException("another format");
            if (!key.hex().equals(in.readUTF())) throw new IOException("written for other rules");
            String description = in.readUTF();
            List<String> said = strings(in.readObject());
            List<RuleDiagnostic> warnings = new ArrayList<>();
            for (String[] w : arrays(in.readObject())) {
                warnings.add(new RuleDiagnostic(w[0], Integer.parseInt(w[1]), Integer.parseInt(w[2]), RuleDiagnostic.Level.valueOf(w[3]), w[4]));
            }
            List<RuleIdentity.Duplicate> duplicates = new ArrayList<>();
            for (String[] d : arrays(in.readObject())) duplicates.add(new RuleIdentity.Duplicate(d[0], d[1], List.of(d).subList(2, d.length)));
            List<RuleFile> data = new ArrayList<>();
            for (String[] d : arrays(in.readObject())) data.add(new RuleFile(d[0], d[1], d[2]));
            KieBase kieBase = PrebuiltRules.readBase(in);
            if (!"end".equals(in.readUTF())) throw new IOException("truncated");
            touch(file);
            return Optional.of(new Entry(new CompiledRules(description, kieBase, PrebuiltRules.contextFacts(data), warnings, duplicates), said));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            notes.accept("tripline: rules cache entry " + file.getFileName() + " could not be read (" + e
                    + "); compiling the rules again");
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the rebuilt entry replaces it anyway
            }
            return Optional.empty();
        }
    }

    /**
     * Stores {@code entry} under {@code key}. Never fails the run: a failure (read-only or full disk, a rule set
     * Drools cannot serialize) is said once and the run goes on without the cache.
     */
    public void store(Key key, CompiledRules rules, List<String> said, List<RuleFile> dataFiles) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, key.hex().substring(0, 16), ".tmp");
            // Deflate at its fastest level: a tenth of the size (1,182 Sigma rules: 17 MB raw) for little CPU.
            try (OutputStream raw = Files.newOutputStream(tmp);
                 ObjectOutputStream o = new ObjectOutputStream(new BufferedOutputStream(
                         new DeflaterOutputStream(raw, new Deflater(Deflater.BEST_SPEED), 1 << 16), 1 << 16))) {
                o.writeUTF(FORMAT);
                o.writeUTF(key.hex());
                o.writeUTF(rules.description());
                o.writeObject(new ArrayList<>(said));
                ArrayList<String[]> warnings = new ArrayList<>();
                for (RuleDiagnostic w : rules.warnings()) {
                    warnings.add(new String[] {w.path(), String.valueOf(w.line()), String.valueOf(w.column()), w.level().name(), w.message()});
                }
                o.writeObject(warnings);
                ArrayList<String[]> duplicates = new ArrayList<>();
                for (RuleIdentity.Duplicate d : rules.duplicates()) {
                    List<String> row = new ArrayList<>(List.of(d.id(), d.kept()));
                    row.addAll(d.dropped());
                    duplicates.add(row.toArray(String[]::new));
                }
                o.writeObject(duplicates);
                ArrayList<String[]> data = new ArrayList<>();
                for (RuleFile f : dataFiles) data.add(new String[] {f.displayPath(), f.relativePath(), f.content()});
                o.writeObject(data);
                PrebuiltRules.writeBase(rules.kieBase(), o);
                o.writeUTF("end");
            }
            Path file = dir.resolve(key.hex() + SUFFIX);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            prune();
        } catch (IOException | RuntimeException | LinkageError e) {
            if (!writeFailureSaid) {
                writeFailureSaid = true;
                notes.accept("tripline: compiled rules not cached in " + dir + " (" + e + "); the run goes on");
            }
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file; the next prune does not count it
                }
            }
        }
    }

    /** Keeps the {@value #KEEP} entries used last. */
    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(dir)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted(Comparator.comparing(RulesCache::lastUse).reversed()).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path old : entries.subList(Math.min(KEEP, entries.size()), entries.size())) Files.deleteIfExists(old);
    }

    private static FileTime lastUse(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // a read-only cache still serves hits
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) { return (List<String>) o; }

    @SuppressWarnings("unchecked")
    private static List<String[]> arrays(Object o) { return (List<String[]>) o; }

    /**
     * What an entry is found by: SHA-256 over everything that decides the compiled rules. Built from the rule
     * files (path, whether bundled, bytes) and the Sigma files, plus, always, the Tripline version and build, the
     * Drools version and the Java version: a cache written by another build is never read.
     */
    public static final class Key {
        private final MessageDigest sha;
        private String hex;

        private Key() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            text(FORMAT);
            text("tripline " + triplineVersion());
            text("build " + build());
            text("drools " + droolsVersion());
            text("java " + System.getProperty("java.vm.version") + " " + System.getProperty("java.vm.vendor"));
        }

        public static Key start() { return new Key(); }

        /** Adds a labelled text (a path, an option, a converter setting). */
        public Key text(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Every file of a rule source: display path, path below the root, bundled or not, content. */
        public Key source(RuleSource source) {
            text("source " + source.description());
            for (RuleFile f : source.files()) {
                text(f.displayPath()).text(f.relativePath()).text(source.isBundled(f) ? "bundled" : "given").text(f.content());
            }
            return this;
        }

        /**
         * The bundled rules by their {@link PrebuiltRules#fingerprint} (paths and contents of every bundled file),
         * which is what {@link #source} of {@link RuleSource#bundled()} would add, without reading them.
         */
        public Key bundled(String fingerprint) {
            return text("bundled " + fingerprint);
        }

        /**
         * A path given with {@code --sigma}: the path as given, and every regular file below it (a superset of the
         * ones the converter reads), by path and bytes, in path order.
         */
        public Key sigmaPath(Path path) throws IOException {
            text("sigma " + path);
            if (!Files.isDirectory(path)) return file(path);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (Path f : files) file(f);
            return this;
        }

        private Key file(Path f) throws IOException {
            text(f.toString());
            bytes(Files.readAllBytes(f));
            return this;
        }

        private void bytes(byte[] b) {
            if (hex != null) throw new IllegalStateException("key already taken");
            // length first: no two different sequences of parts hash the same bytes
            sha.update(java.nio.ByteBuffer.allocate(8).putLong(b.length).array());
            sha.update(b);
        }

        public String hex() {
            if (hex == null) hex = HexFormat.of().formatHex(sha.digest());
            return hex;
        }
    }

    static String triplineVersion() {
        Properties p = new Properties();
        try (InputStream in = RulesCache.class.getResourceAsStream("/dev/tripline/cli/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // unknown: the build identity still tells builds apart
        }
        return p.getProperty("version", "unknown");
    }

    /**
     * The build that runs: the jar's size and time, or for a classes folder (tests, an IDE) the newest class file's
     * time and their count. A snapshot version rebuilt with a changed converter is another build.
     */
    static String build() {
        try {
            Path code = Path.of(RulesCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) return code.getFileName() + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
            try (Stream<Path> walk = Files.walk(code)) {
                long[] newest = {0, 0};
                walk.filter(p -> p.toString().endsWith(".class") || p.toString().endsWith(".kbase")).forEach(p -> {
                    newest[0] = Math.max(newest[0], lastUse(p).toMillis());
                    newest[1]++;
                });
                return "classes " + newest[0] + " " + newest[1];
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown build";
        }
    }

    static String droolsVersion() {
        Properties p = new Properties();
        try (InputStream in = RulesCache.class.getResourceAsStream("/META-INF/maven/org.drools/drools-core/pom.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // fall through
        }
        String v = p.getProperty("version");
        if (v == null) v = org.drools.core.impl.InternalRuleBase.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
