package dev.tripline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.kie.KieServerClient;
import dev.tripline.kie.KieServerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code tripline kie}: Tripline's KJAR on a KIE Server. */
@Command(name = "kie", mixinStandardHelpOptions = true, description = "Work with a KIE Server that runs Tripline's KJAR.",
        subcommands = {KieCommand.Deploy.class})
public final class KieCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getErr()); }

    /** {@code tripline kie deploy URL ID}: PUT the container from the KJAR's Maven coordinates. */
    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Create container ID on the KIE Server at URL from the KJAR dev.tripline:tripline-rules (this Tripline's version); "
                    + "the server must be able to resolve it from its Maven repositories. Password from " + KieServerOptions.PASSWORD_ENV + ".")
    static final class Deploy implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URL", description = "The KIE Server's REST root, e.g. http://host:8080/kie-server/services/rest/server.")
        URI server;

        @Parameters(index = "1", paramLabel = "ID", description = "Container id to create.")
        String container;

        @Option(names = "--kie-user", paramLabel = "USER", defaultValue = "kieserver", description = "HTTP Basic user (default ${DEFAULT-VALUE}).")
        String user;

        @Option(names = "--kjar-version", paramLabel = "VERSION", description = "KJAR version (default: this Tripline's version).")
        String version;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            String v = version != null ? version : kjarVersion();
            KieServerClient client = new KieServerClient(server, user, KieServerOptions.environment.apply(KieServerOptions.PASSWORD_ENV), Duration.ofMinutes(10));
            try {
                JsonNode c = client.deploy(container, KJAR_GROUP, KJAR_ARTIFACT, v);
                out.println("container " + container + " " + c.path("status").asText() + " with " + KJAR_GROUP + ":" + KJAR_ARTIFACT + ":"
                        + c.path("resolved-release-id").path("version").asText(v));
                return ExitCodes.OK;
            } catch (KieServerException e) {
                return KieServerOptions.report(e, err);
            }
        }
    }

    static final String KJAR_GROUP = "dev.tripline", KJAR_ARTIFACT = "tripline-rules";

    /** The version of the KJAR this build made (the project version, from the jar's Maven descriptor). */
    static String kjarVersion() throws IOException {
        try (InputStream in = KieCommand.class.getResourceAsStream("/META-INF/maven/dev.tripline/tripline/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version");
            }
        }
        String v = KieCommand.class.getPackage().getImplementationVersion();
        if (v == null) throw new IOException("cannot tell this Tripline's version: give the KJAR version with --kjar-version");
        return v;
    }
}
