package dev.tripline.cli;

import dev.tripline.kie.KieServerClient;
import dev.tripline.kie.KieServerException;
import dev.tripline.kie.RemoteReplaySession;
import dev.tripline.output.AlertSink;
import dev.tripline.output.RunStats;
import dev.tripline.pipeline.BatchRun;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@code correlate --kie-server URL --kie-container ID [--kie-user USER]}: the rules run in a KIE Server container
 * holding Tripline's KJAR instead of in this JVM; ingest, folding, output and the run summary stay here. The
 * password comes from the environment variable {@value #PASSWORD_ENV}, never from the command line.
 */
public final class KieServerOptions {
    public static final String PASSWORD_ENV = "TRIPLINE_KIE_PASSWORD";

    /** Where the password is read from; tests replace it. */
    static Function<String, String> environment = System::getenv;

    @Option(names = "--kie-server", paramLabel = "URL",
            description = "Run the rules in this KIE Server (its REST root, e.g. http://host:8080/kie-server/services/rest/server) instead of locally.")
    URI server;

    @Option(names = "--kie-container", paramLabel = "ID", description = "The KIE Server container that holds Tripline's KJAR (with --kie-server).")
    String container;

    @Option(names = "--kie-user", paramLabel = "USER", defaultValue = "kieserver",
            description = "HTTP Basic user for --kie-server (default ${DEFAULT-VALUE}); the password is read from " + PASSWORD_ENV + ".")
    String user;

    @Option(names = "--kie-batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Events per REST request to --kie-server (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--kie-timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long one REST request to --kie-server may take (default ${DEFAULT-VALUE}).")
    Duration timeout;

    boolean active() { return server != null; }

    /** A usage problem with these options (null when fine): --kie-container goes with --kie-server and back. */
    String usageProblem() {
        if (server == null && container != null) return "--kie-container needs --kie-server";
        if (server != null && container == null) return "--kie-server needs --kie-container";
        if (batchSize < 1) return "--kie-batch-size must be at least 1";
        return null;
    }

    KieServerClient client() {
        return new KieServerClient(server, user, environment.apply(PASSWORD_ENV), timeout);
    }

    /** The batch run with one session in the container per replay segment; throws {@link KieServerException}. */
    RunStats run(List<String> inputs, BatchRun.Options options, AlertSink sink, RunStats stats) {
        KieServerClient client = client();
        client.container(container); // fails early, before any input is read, on a wrong URL, credentials or id
        return BatchRun.run(() -> new RemoteReplaySession(client, container, batchSize), inputs, options, sink, System.in, stats);
    }

    /** One line for the user and the exit code for a KIE Server failure. */
    static int report(KieServerException e, PrintWriter err) {
        err.println("tripline: " + e.getMessage());
        return switch (e.problem()) {
            case UNREACHABLE, PROTOCOL -> ExitCodes.KIE_UNREACHABLE;
            case UNAUTHORIZED -> ExitCodes.KIE_UNAUTHORIZED;
            case NO_CONTAINER -> ExitCodes.KIE_NO_CONTAINER;
            case SERVER_ERROR -> ExitCodes.KIE_SERVER_ERROR;
        };
    }
}
