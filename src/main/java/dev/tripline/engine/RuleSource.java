package dev.tripline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Where rules come from: a folder on disk ({@code --rules DIR}) or the set bundled in the jar. */
public final class RuleSource {
    /** Classpath folder the build copies {@code rules-drl/} into. */
    public static final String BUNDLED_ROOT = "tripline-rules";

    private final String description;
    private final List<RuleFile> files;
    /** The files that came with Tripline (by identity): a rule the user gives with the same @id wins over them. */
    private final Set<RuleFile> bundled;

    private RuleSource(String description, List<RuleFile> files, Set<RuleFile> bundled) {
        this.description = description;
        this.files = List.copyOf(files);
        Set<RuleFile> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (RuleFile f : this.files) if (bundled.contains(f)) kept.add(f);
        this.bundled = kept;
    }

    private RuleSource(String description, List<RuleFile> files) {
        this(description, files, Set.of());
    }

    public static RuleSource of(String description, List<RuleFile> files) { return new RuleSource(description, files); }

    /** These rules plus {@code more} (given by the user, e.g. converted from --sigma), bundled files still marked. */
    public RuleSource plus(String description, List<RuleFile> more) {
        List<RuleFile> all = new ArrayList<>(files);
        all.addAll(more);
        return new RuleSource(description, all, bundled);
    }

    /** The same rules without the files {@code leaveOut} accepts. */
    public RuleSource without(Predicate<RuleFile> leaveOut) {
        return new RuleSource(description, files.stream().filter(leaveOut.negate()).toList(), bundled);
    }

    /** Whether {@code f} is one of the rules bundled with Tripline (not one the user gave). */
    public boolean isBundled(RuleFile f) { return bundled.contains(f); }

    /** Every .drl and .yaml file below {@code dir}; messages name them as {@code dir/relative/path}. */
    public static RuleSource directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("rules folder not found: " + dir);
        return new RuleSource(dir.toString(), walk(dir, dir.toString()));
    }

    /** The rules packaged with Tripline (from {@code rules-drl/} at build time). */
    public static RuleSource bundled() {
        URL root = RuleSource.class.getClassLoader().getResource(BUNDLED_ROOT);
        if (root == null) throw new IllegalStateException("bundled rules missing from the classpath (" + BUNDLED_ROOT + ")");
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException already) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return asBundled(walk(fs.getPath(BUNDLED_ROOT), "rules-drl"));
            }
            return asBundled(walk(Path.of(uri), "rules-drl"));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read bundled rules: " + e.getMessage(), e);
        }
    }

    /** The bundled rules as laid out in a build's classes folder (for prebuilding them at package time). */
    static RuleSource directoryAsBundled(Path dir) throws IOException {
        return asBundled(walk(dir, "rules-drl"));
    }

    private static RuleSource asBundled(List<RuleFile> files) {
        Set<RuleFile> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(files);
        return new RuleSource("bundled rules", files, all);
    }

    private static List<RuleFile> walk(Path root, String displayRoot) throws IOException {
        List<RuleFile> out = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                RuleFile f = new RuleFile(displayRoot + "/" + rel, rel, null);
                if (!f.isDrl() && !f.isData()) continue;
                out.add(new RuleFile(f.displayPath(), rel, Files.readString(p, StandardCharsets.UTF_8)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    public String description() { return description; }
    public List<RuleFile> files() { return files; }
    public List<RuleFile> drlFiles() { return files.stream().filter(RuleFile::isDrl).toList(); }
    public List<RuleFile> dataFiles() { return files.stream().filter(RuleFile::isData).toList(); }
}
