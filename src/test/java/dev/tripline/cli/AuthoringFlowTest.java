package dev.tripline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tripline.testing.TestFiles.copyTree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's authoring steps exactly as written, run in a checkout-like folder as separate processes (the
 * working folder is what they depend on): new-rule, validate, test with no options. And one typo in a DRL
 * file gives the same diagnostics under correlate --rules as under validate.
 */
class AuthoringFlowTest {
    @TempDir Path work;

    record Proc(int exit, String out) {}

    private Proc tripline(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TriplineCommand.class.getName()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(work.getParent(), "tripline", ".log");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("finished").isTrue(); // guards a hang, not a speed
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Proc(p.exitValue(), out);
    }

    @Test void newRuleThenValidateThenTestWithNoOptionsCheckTheNewRule() throws Exception {
        copyTree(Path.of("rules-drl"), work.resolve("rules-drl"));
        copyTree(Path.of("fixtures/seed-net-group-domain-admins"), work.resolve("fixtures/seed-net-group-domain-admins"));

        Proc created = tripline("new-rule", "certutil-download");
        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(created.out()).contains("then: tripline validate && tripline test");

        Proc valid = tripline("validate");
        assertThat(valid.exit()).as(valid.out()).isZero();
        assertThat(valid.out()).contains("checked rules-drl: ");

        Proc red = tripline("test");
        assertThat(red.exit()).as(red.out()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(red.out()).contains("rules: rules-drl; scenarios: fixtures", "FAIL certutil-download", "PASS seed-net-group-domain-admins");

        Path drl = work.resolve("rules-drl/tripline/detection/custom/certutil-download.drl");
        Files.writeString(drl, Files.readString(drl).replace(dev.tripline.authoring.RuleSkeleton.PLACEHOLDER, dev.tripline.authoring.RuleSkeleton.EXAMPLE));
        Proc green = tripline("test");
        assertThat(green.exit()).as(green.out()).isZero();
        assertThat(green.out()).contains("PASS certutil-download", "2 passed, 0 failed");
    }

    @Test void oneTypoIsOneErrorUnderCorrelateAsUnderValidate() throws Exception {
        Path rules = work.resolve("rules");
        copyTree(Path.of("rules-drl"), rules);
        Path lifetimes = rules.resolve("tripline/events/event_lifetimes.drl");
        Files.writeString(lifetimes, Files.readString(lifetimes).replaceFirst("@expires\\( 1m \\)\\n", "@expires( 1m \n"));

        CliRun validate = CliRun.of("validate", "--rules", rules.toString());
        CliRun correlate = CliRun.of("correlate", "--rules", rules.toString(), Path.of("fixtures/seed-net-group-domain-admins/events.jsonl").toAbsolutePath().toString());

        assertThat(validate.exit()).isEqualTo(ExitCodes.RULES_INVALID);
        assertThat(correlate.exit()).isEqualTo(ExitCodes.RULES_INVALID);
        List<String> validateErrors = validate.out().lines().filter(l -> l.contains(": error: ")).toList();
        List<String> correlateErrors = correlate.err().lines().filter(l -> l.contains(": error: ")).toList();
        assertThat(validateErrors).isNotEmpty().allMatch(l -> l.startsWith(lifetimes.toString()));
        assertThat(correlateErrors).isEqualTo(validateErrors);
        assertThat(correlate.err()).doesNotContain("Unable to resolve ObjectType").doesNotContain(File.separator + "correlation" + File.separator);
    }
}
