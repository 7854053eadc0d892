package dev.tripline.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's training run for the class-data sharing archive ({@code mvn package}, {@code target/tripline.jsa}):
 * one JVM runs what real runs do, so the archive holds the classes each of them loads: {@code correlate} with the
 * bundled rules, then with Sigma rules twice (the first converts, compiles and stores them in a rules cache, the
 * second loads them from it), then {@code --version}. Not a verb.
 *
 * <p>Usage: {@code CdsTraining EVENTS SIGMA_PATH... WORK_DIR}; alerts and the cache go to WORK_DIR.
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        Path events = Path.of(args[0]);
        Path work = Path.of(args[args.length - 1]);
        Files.createDirectories(work);
        Path alerts = work.resolve("alerts.jsonl");
        Path cache = work.resolve("rules-cache");
        List<String> sigma = new ArrayList<>();
        for (int i = 1; i < args.length - 1; i++) {
            sigma.add("--sigma");
            sigma.add(args[i]);
        }
        int failures = 0;
        failures += run("correlate", "--quiet", "--output", alerts.toString(), events.toString());
        for (int i = 0; i < 2; i++) {
            List<String> withSigma = new ArrayList<>(List.of("correlate", "--quiet", "--rules-cache", cache.toString(), "--output", alerts.toString()));
            withSigma.addAll(sigma);
            withSigma.add(events.toString());
            failures += run(withSigma.toArray(String[]::new));
        }
        failures += run("--version");
        // exit explicitly: the archive is written at exit, and no stray thread may hold the JVM
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int run(String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = TriplineCommand.commandLine().setOut(new PrintWriter(Writer.nullWriter())).setErr(new PrintWriter(err, true)).execute(args);
        // what the runs say (the training rules' duplicate id) is no news in a build log; a failure is
        if (exit != ExitCodes.OK) System.err.println("tripline CDS training: exit " + exit + " from " + String.join(" ", args) + "\n" + err);
        return exit == ExitCodes.OK ? 0 : 1;
    }
}
