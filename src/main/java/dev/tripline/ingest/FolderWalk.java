package dev.tripline.ingest;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The files under a folder, sorted by relative path so runs are repeatable, hidden files and folders
 * ({@code .git}, editor swap files) left out. Files that are not event exports by name are listed too, and the
 * reader counts them as skipped rather than reading them. Entries that cannot be listed come back with their error.
 */
final class FolderWalk {
    /** {@code name} is the input as the user gave it joined with the relative path, with {@code /}. */
    record Entry(String name, Path path, String error) {
        /** A file a folder walk passes over: READMEs, licences, checksums sit beside exported logs. */
        boolean isEventFile() { return EVENT_FILE.matcher(path.getFileName().toString()).matches(); }
    }

    /**
     * What a folder walk reads: JSON and JSON Lines exports, plain or gzip, and Windows .evtx files. Files named on
     * the command line are always read.
     */
    static final java.util.regex.Pattern EVENT_FILE =
            java.util.regex.Pattern.compile("(?i).+\\.((json|jsonl|ndjson|jsonlines|log)(\\.gz)?|evtx)");

    private FolderWalk() {}

    static List<Entry> list(String input, Path root) {
        String prefix = input.endsWith("/") || input.endsWith("\\") ? input : input + "/";
        List<Entry> entries = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!isHidden(file) && !attrs.isDirectory()) entries.add(new Entry(name(file), file, null));
                    return FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!isHidden(file)) entries.add(new Entry(name(file), file, IoProblems.describe(e)));
                    return FileVisitResult.CONTINUE;
                }

                private String name(Path file) {
                    return prefix + root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                }
            });
        } catch (IOException e) {
            entries.add(new Entry(input, root, IoProblems.describe(e)));
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
