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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where rules come from: a folder on disk ({@code --rules DIR}) or the set bundled in the jar. */
public final class RuleSource {
    /** Classpath folder the build copies {@code rules-drl/} into. */
    public static final String BUNDLED_ROOT = "tripline-rules";

    private final String description;
    private final List<RuleFile> files;

    private RuleSource(String description, List<RuleFile> files) {
        this.description = description;
        this.files = List.copyOf(files);
    }

    public static RuleSource of(String description, List<RuleFile> files) { return new RuleSource(description, files); }

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
                return new RuleSource("bundled rules", walk(fs.getPath(BUNDLED_ROOT), "rules-drl"));
            }
            return new RuleSource("bundled rules", walk(Path.of(uri), "rules-drl"));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read bundled rules: " + e.getMessage(), e);
        }
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
