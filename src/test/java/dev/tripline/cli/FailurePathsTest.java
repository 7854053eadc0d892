package dev.tripline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every verb's failure paths end in a documented exit code with one line on stderr, never exit 1 and never a
 * stack trace (unless --debug); an internal error, out of memory included, is exit 70 after the run summary.
 */
class FailurePathsTest {
    private static final String FIXTURE = "fixtures/seed-net-group-domain-admins/events.jsonl";

    @TempDir Path tmp;

    /** The codes README lists are exactly those ExitCodes declares, and 1 is not among them. */
    @Test void readmeDocumentsExactlyTheExitCodesTheCliUses() throws Exception {
        Set<Integer> declared = new TreeSet<>();
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) declared.add(f.getInt(null));
        }
        String readme = Files.readString(Path.of("README.md"));
        Matcher section = Pattern.compile("Exit codes:(.*?)\\n\\n", Pattern.DOTALL).matcher(readme);
        assertThat(section.find()).isTrue();
        Set<Integer> documented = new TreeSet<>();
        Matcher code = Pattern.compile("`(\\d+)`").matcher(section.group(1));
        while (code.find()) documented.add(Integer.parseInt(code.group(1)));
        assertThat(documented).isEqualTo(declared).doesNotContain(1).contains(ExitCodes.INTERNAL_ERROR);
    }

    @Test void missingSigmaPathsAreOneLineAndAUsageError() {
        for (CliRun run : new CliRun[] {CliRun.of("correlate", "--sigma", "/nope.yml", FIXTURE), CliRun.of("sigma", "convert", "/nope.yml"),
                CliRun.of("validate", "--sigma", "/nope.yml"), CliRun.of("correlate", "--rules", "/nope", FIXTURE)}) {
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().lines()).as(run.err()).hasSize(1).allMatch(l -> l.startsWith("tripline: ") && l.contains("/nope"));
            assertThat(run.err()).doesNotContain("\tat ", "Exception");
        }
    }

    @Test void everyVerbsFailurePathMapsToADocumentedCode() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-scenarios"));
        Path badContext = Files.writeString(tmp.resolve("ctx.yaml"), "rows: 42\n");
        Path notUtf8 = Files.createDirectories(tmp.resolve("sigma"));
        Files.write(notUtf8.resolve("latin1.yml"), "title: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        record Case(int expected, String[] args) {}
        Case[] cases = {
                new Case(ExitCodes.USAGE, new String[] {"correlate", "--format", "xml", FIXTURE}),
                new Case(ExitCodes.USAGE, new String[] {"nonsense"}),
                new Case(ExitCodes.INPUT_UNREADABLE, new String[] {"correlate", "/nope.jsonl", FIXTURE}),
                new Case(ExitCodes.CONTEXT_INVALID, new String[] {"correlate", "--context", badContext.toString(), FIXTURE}),
                new Case(ExitCodes.CHECK_FAILED, new String[] {"test", "--fixtures", empty.toString()}),
                new Case(ExitCodes.USAGE, new String[] {"test", "--fixtures", tmp.resolve("missing").toString()}),
                new Case(ExitCodes.USAGE, new String[] {"validate", "--rules", "/nope"}),
                new Case(ExitCodes.INPUT_UNREADABLE, new String[] {"watch", "/nope.jsonl"}),
                new Case(ExitCodes.USAGE, new String[] {"watch", tmp.toString()}),
                new Case(ExitCodes.USAGE, new String[] {"new-rule", "Bad Name!", "--rules", tmp.resolve("r").toString()}),
                new Case(ExitCodes.CHECK_FAILED, new String[] {"sigma", "convert", notUtf8.toString()}),
        };
        for (Case c : cases) {
            CliRun run = CliRun.of(c.args());
            assertThat(run.exit()).as(String.join(" ", c.args()) + "\n" + run.err()).isEqualTo(c.expected()).isNotEqualTo(1);
            assertThat(run.err()).as(String.join(" ", c.args())).doesNotContain("\tat ");
        }
        CliRun scenarios = CliRun.of("test", "--fixtures", empty.toString());
        assertThat(scenarios.err()).contains("no scenarios in " + empty);
        CliRun context = CliRun.of("correlate", "--context", badContext.toString(), FIXTURE);
        assertThat(context.err()).contains("ctx.yaml: 'rows' must be a list");
        CliRun watch = CliRun.of("watch", "/nope.jsonl");
        assertThat(watch.err()).contains("no such file: /nope.jsonl");
        CliRun sigma = CliRun.of("sigma", "convert", notUtf8.toString());
        assertThat(sigma.err()).contains("latin1.yml: invalid file: not UTF-8 text");
    }

    /** Alerts cannot be written (a full disk): exit 70 after the run summary, one line naming the cause. */
    @Test void aFailingOutputEndsWithTheSummaryAndTheInternalErrorCode() {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full (Linux) to simulate a full disk");
        CliRun run = CliRun.of("correlate", "-o", "/dev/full", FIXTURE);
        assertThat(run.exit()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(run.err()).contains("tripline: 1 input(s), ").contains("events normalized")
                .containsPattern("tripline: internal error: IOException: No space left on device \\(run with --debug for the stack trace\\)")
                .doesNotContain("\tat ");
        CliRun debug = CliRun.of("correlate", "--debug", "-o", "/dev/full", FIXTURE);
        assertThat(debug.exit()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(debug.err()).contains("java.io.IOException: No space left on device").contains("\tat ");
    }

    /** Drools wraps an OutOfMemoryError thrown inside a constraint: the line still says out of memory and what to do. */
    @Test void anOutOfMemoryErrorWrappedByTheRuleEngineIsReportedAsOutOfMemory() {
        StringWriter err = new StringWriter();
        CommandLine cli = TriplineCommand.commandLine();
        cli.addSubcommand("boom", new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            throw new RuntimeException("Error evaluating constraint 'matches( $e )'", new OutOfMemoryError("Java heap space"));
        })));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("boom")).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("tripline: internal error: out of memory (Java heap space); raise the heap with -Xmx");
        assertThat(Emergency.holding()).isFalse();
    }

    /** What no verb handled, errors included, goes through TriplineCommand's handler: exit 70, one line, no trace. */
    @Test void unexpectedExceptionsAndErrorsAreExit70WithOneLine() {
        for (Throwable t : new Throwable[] {new IllegalStateException("state\u001b[2J broken"), new OutOfMemoryError("Java heap space"),
                new StackOverflowError()}) {
            StringWriter err = new StringWriter();
            CommandLine cli = TriplineCommand.commandLine();
            cli.addSubcommand("boom", new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
                if (t instanceof Error e) throw e;
                throw (Exception) t;
            })));
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute("boom");
            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.INTERNAL_ERROR);
            assertThat(err.toString().lines()).as(err.toString()).hasSize(1).first().asString().startsWith("tripline: internal error: ");
            assertThat(err.toString()).doesNotContain("\u001b").doesNotContain("\tat ");
            if (t instanceof OutOfMemoryError) assertThat(Emergency.holding()).isFalse();
        }
        StringWriter err = new StringWriter();
        CommandLine cli = TriplineCommand.commandLine();
        cli.addSubcommand("boom", new CommandLine(CommandLine.Model.CommandSpec.wrapWithoutInspection(
                (Callable<Integer>) () -> { throw new IllegalStateException("x"); })));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("--debug", "boom")).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(err.toString()).contains("java.lang.IllegalStateException: x").contains("\tat ");
    }

    @Test void versionIsTheProjectVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>tripline</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).isTrue();
        CliRun run = CliRun.of("--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("tripline " + m.group(1));
    }

    /** bin/tripline runs the built jar; the jar exists after `mvn package` (not yet in the test phase of a clean build). */
    @Test void launcherRunsTheBuiltJar() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("target/tripline.jar")), "target/tripline.jar not built yet (mvn package builds it after the tests)");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Process p = new ProcessBuilder("bin/tripline", "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.strip()).isEqualTo(CliRun.of("--version").out().strip()).doesNotContain("unknown");
    }
}
