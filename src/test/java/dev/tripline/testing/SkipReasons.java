package dev.tripline.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one line per test or test class that did not run, with its reason, where the build output shows it:
 * {@code SKIPPED dev.tripline.sigma.CorpusTest: shared/sigma not found beside the checkout: …}. Covers disabled tests
 * and failed assumptions (a missing {@code shared/} folder, see {@link SharedData}), whose reasons surefire otherwise
 * keeps in its XML reports. Registered for the JUnit Platform launcher in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class SkipReasons implements TestExecutionListener {

    @Override public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED) return;
        print(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
    }

    private static void print(TestIdentifier test, String reason) {
        System.out.println("SKIPPED " + name(test) + ": " + (reason == null || reason.isBlank() ? "no reason given" : oneLine(reason)));
        System.out.flush();
    }

    private static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            String params = test.getDisplayName().startsWith("[") ? " " + test.getDisplayName() : "";
            return m.getClassName() + "#" + m.getMethodName() + params;
        }
        if (source instanceof ClassSource c) return c.getClassName();
        return test.getDisplayName();
    }

    private static String oneLine(String s) {
        return s.replaceFirst("^Assumption failed: ", "").replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
