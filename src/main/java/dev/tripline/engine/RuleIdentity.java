package dev.tripline.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules are identified by their {@code @id}: one id loaded twice (a SigmaHQ rule given with --sigma that the bundled
 * discovery pack also carries, or the same rule in two user folders) would detect every event twice and count it
 * twice in every correlation. Before compiling, one copy of each id is kept: a file the user gave wins over a
 * bundled one; among equals, the first loaded. A file all of whose ids are kept elsewhere is left out whole (with its
 * helper rules, such as a correlation's "open episode continues"); a file that still has rules of its own keeps
 * them, and only its duplicate rules are removed from the compiled base.
 */
public final class RuleIdentity {
    private static final Pattern ID = Pattern.compile("@id\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    /** One id loaded more than once: the file whose rule was kept and the files whose copy was not. */
    public record Duplicate(String id, String kept, List<String> dropped) {
        public Duplicate {
            dropped = List.copyOf(dropped);
        }
    }

    /**
     * The outcome: the files to compile, and per file (display path) the ids whose rules must be removed after
     * compiling because the file also holds rules that are not duplicates.
     */
    public record Resolution(RuleSource source, List<Duplicate> duplicates, Map<String, Set<String>> removeAfterCompile) {}

    private RuleIdentity() {}

    /** The {@code @id} values in a DRL text, in order. */
    static List<String> ids(String drl) {
        List<String> out = new ArrayList<>();
        Matcher m = ID.matcher(drl);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    public static Resolution resolve(RuleSource source) {
        Map<String, List<RuleFile>> filesById = new LinkedHashMap<>();
        // By identity: the same folder given twice yields equal files, and only the second copy is left out.
        Map<RuleFile, List<String>> idsByFile = new IdentityHashMap<>();
        for (RuleFile f : source.drlFiles()) {
            List<String> ids = ids(f.content());
            idsByFile.put(f, ids);
            for (String id : new LinkedHashSet<>(ids)) filesById.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
        }
        List<Duplicate> duplicates = new ArrayList<>();
        Map<RuleFile, Set<String>> lost = new IdentityHashMap<>();
        for (var e : filesById.entrySet()) {
            List<RuleFile> files = e.getValue();
            if (files.size() < 2) continue;
            RuleFile winner = files.stream().filter(f -> !source.isBundled(f)).findFirst().orElse(files.get(0));
            List<String> dropped = new ArrayList<>();
            for (RuleFile f : files) {
                if (f == winner) continue;
                dropped.add(f.displayPath());
                lost.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(e.getKey());
            }
            duplicates.add(new Duplicate(e.getKey(), winner.displayPath(), dropped));
        }
        if (duplicates.isEmpty()) return new Resolution(source, List.of(), Map.of());
        Set<RuleFile> leftOut = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Set<String>> removeAfter = new LinkedHashMap<>();
        for (var e : lost.entrySet()) {
            if (e.getValue().containsAll(idsByFile.get(e.getKey()))) leftOut.add(e.getKey());
            else removeAfter.put(e.getKey().displayPath(), e.getValue());
        }
        return new Resolution(source.without(leftOut::contains), duplicates, removeAfter);
    }

    /** One line for stderr naming every duplicate id and the file whose copy runs. */
    public static String describe(List<Duplicate> duplicates) {
        StringBuilder b = new StringBuilder();
        b.append(duplicates.size()).append(duplicates.size() == 1 ? " rule id was" : " rule ids were")
                .append(" loaded twice; one copy of each runs (a rule given explicitly wins over the bundled one): ");
        for (int i = 0; i < duplicates.size(); i++) {
            Duplicate d = duplicates.get(i);
            if (i > 0) b.append("; ");
            // A converted file is named "rule.yml -> tripline/sigma/rule.drl": the file the user gave is enough.
            int arrow = d.kept().indexOf(" -> ");
            b.append(d.id()).append(" from ").append(arrow < 0 ? d.kept() : d.kept().substring(0, arrow));
        }
        return b.toString();
    }
}
