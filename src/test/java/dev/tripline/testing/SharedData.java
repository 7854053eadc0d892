package dev.tripline.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the read-only {@code shared/} folder that sits beside the checkout (CI has it; a user's clone does not).
 * Tests that need it call {@link #require(String)} and are skipped, with the reason shown, when it is absent.
 */
public final class SharedData {
    private SharedData() {}

    public static Optional<Path> find(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The path, or the test is skipped with a message saying what is missing. */
    public static Path require(String relative) {
        Optional<Path> p = find(relative);
        Assumptions.assumeTrue(p.isPresent(),
                "shared/" + relative + " not found beside the checkout: this test runs where the research datasets are present (CI)");
        return p.get();
    }
}
