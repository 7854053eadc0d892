package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompilationException;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One compiled KieBase per rule source per task manager JVM (a KieBase is shareable across sessions and
 * threads; compiling it per subtask would cost seconds each). Built with the job's user-code classloader as
 * the context classloader, so Drools resolves the model classes from the job jar, not from Flink's lib/.
 */
final class RulesCache {
    private static final Map<String, CompiledRules> CACHE = new HashMap<>();

    private RulesCache() {}

    /** {@code rulesDir} null: the rules bundled in the job jar. */
    static synchronized CompiledRules get(String rulesDir) {
        String key = (rulesDir == null ? "<bundled>" : rulesDir) + "@" + System.identityHashCode(RulesCache.class.getClassLoader());
        CompiledRules cached = CACHE.get(key);
        if (cached != null) return cached;
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(RulesCache.class.getClassLoader());
        try {
            CompiledRules rules = RuleCompiler.compile(rulesDir == null ? RuleSource.bundled() : RuleSource.directory(Path.of(rulesDir)));
            CACHE.put(key, rules);
            return rules;
        } catch (RuleCompilationException | IOException e) {
            throw new IllegalStateException("cannot compile rules " + (rulesDir == null ? "(bundled)" : rulesDir) + ": " + e.getMessage(), e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
