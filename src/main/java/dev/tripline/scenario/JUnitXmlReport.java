package dev.tripline.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The suite in the JUnit XML format CI systems read (as Maven Surefire writes it): one {@code testsuite},
 * one {@code testcase} per scenario, a {@code failure} with the alert diff for a failing one, an {@code error}
 * for one that could not be loaded or run.
 */
public final class JUnitXmlReport {
    public static final String SUITE = "tripline.scenarios";

    private JUnitXmlReport() {}

    public static void write(ScenarioSuite.Report report, Path file, Function<ScenarioSuite.Outcome, String> details) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", SUITE);
            x.writeAttribute("tests", String.valueOf(report.outcomes().size()));
            long errors = report.outcomes().stream().filter(o -> o.error() != null).count();
            x.writeAttribute("failures", String.valueOf(report.failed() - errors));
            x.writeAttribute("errors", String.valueOf(errors));
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", seconds(report.millis()));
            x.writeAttribute("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            x.writeCharacters("\n");
            for (ScenarioSuite.Outcome o : report.outcomes()) {
                x.writeCharacters("  ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", o.name());
                x.writeAttribute("classname", SUITE);
                x.writeAttribute("time", seconds(o.millis()));
                if (!o.passed()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement(o.error() != null ? "error" : "failure");
                    x.writeAttribute("message", o.error() != null ? o.error() : summary(o.result()));
                    x.writeAttribute("type", o.error() != null ? "ScenarioError" : "ScenarioFailure");
                    x.writeCData(details.apply(o));
                    x.writeEndElement();
                    x.writeCharacters("\n  ");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeStartElement("system-out");
            StringBuilder cov = new StringBuilder("rule coverage: " + (report.findingRules() - report.uncovered().size()) + " of "
                    + report.findingRules() + " finding rule(s) fired in some scenario\n");
            report.uncovered().forEach(d -> cov.append("never fired: ").append(d.path()).append(':').append(d.line())
                    .append(" \"").append(d.name()).append("\" (").append(d.id()).append(")\n"));
            x.writeCData(cov.toString());
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.writeCharacters("\n");
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** "2 missing, 1 unexpected alert(s)" and rejected lines, for a failed result. */
    public static String summary(ScenarioResult r) {
        StringBuilder s = new StringBuilder();
        s.append(r.missing().size()).append(" missing, ").append(r.unexpected().size()).append(" unexpected alert(s)");
        if (r.rejected() > 0) s.append(", ").append(r.rejected()).append(" event line(s) rejected");
        return s.toString();
    }

    private static String seconds(long millis) { return String.format(Locale.ROOT, "%.3f", millis / 1000.0); }

    static String lines(List<JsonNode> nodes) {
        StringBuilder s = new StringBuilder();
        nodes.forEach(n -> s.append(n).append('\n'));
        return s.toString();
    }
}
