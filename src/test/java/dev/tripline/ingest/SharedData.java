package dev.tripline.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared test data (public datasets, Sigma regression events) lives beside the project, not in it:
 * found by walking up from the working directory to a folder that has {@code shared/<sub>}.
 */
final class SharedData {
    private SharedData() {}

    static Optional<Path> find(String sub) {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(sub);
            if (Files.isDirectory(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The folder, or the test is skipped (not failed) where the data is not checked out. */
    static Path require(String sub) {
        Optional<Path> found = find(sub);
        assumeTrue(found.isPresent(), "shared data not present: no shared/" + sub + " above " + System.getProperty("user.dir"));
        return found.get();
    }
}
