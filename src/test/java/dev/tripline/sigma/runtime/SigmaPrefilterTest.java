package dev.tripline.sigma.runtime;

import dev.tripline.sigma.runtime.SigmaPrefilter.Literal;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigmaPrefilterTest {
    @Test
    void prefilterTextRoundTripsLiteralsWithDelimitersSpacesAndBackslashes() {
        List<List<Literal>> clauses = List.of(
                List.of(new Literal("imageLower", "\\whoami.exe"), new Literal("originalFileNameLower", "whoami.exe")),
                List.of(new Literal("commandLineLower", " /all "), new Literal("commandLineLower", "a | b & c \\")),
                List.of(new Literal("actor.nameLower", ":x:")));
        String text = SigmaPrefilter.encode(clauses);
        assertThat(text).startsWith("imageLower:\\\\whoami.exe | originalFileNameLower:whoami.exe & commandLineLower: /all  | ");
        assertThat(SigmaPrefilter.decode(text)).isEqualTo(clauses);
    }

    @Test
    void theDrlLiteralFormOfTheAnnotationReadsTheSame() {
        assertThat(SigmaPrefilter.annotationText("\"imageLower:\\\\\\\\net.exe | commandLineLower:\\u00E9\"")).isEqualTo("imageLower:\\\\net.exe | commandLineLower:\u00e9");
        assertThat(SigmaPrefilter.annotationText("imageLower:x")).isEqualTo("imageLower:x");
    }

    @Test
    void malformedTextIsRejected() {
        assertThatThrownBy(() -> SigmaPrefilter.decode("imageLower:a|b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigmaPrefilter.decode("nofield")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ProcessEvent event(String image, String cmd) {
        return ProcessEvent.builder().time(1_700_000_000_000L).host("WS01").image(image).commandLine(cmd)
                .schema("test").source(new SourceRef("test", 1)).build();
    }

    private static List<String> candidates(SigmaPrefilter p, ProcessEvent e) {
        return p.candidates(e).stream().map(SigmaCandidate::getRule).toList();
    }

    @Test
    void aRuleIsACandidateOnlyWhenEveryClauseHasALiteralInItsOwnField() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("whoami all", "imageLower:\\\\whoami.exe | originalFileNameLower:whoami.exe & commandLineLower: /all");
        rules.put("net user", "commandLineLower:net user");
        rules.put("unreadable", "no delimiter|here");
        SigmaPrefilter p = SigmaPrefilter.build("pkg", rules);

        assertThat(p.prefiltered()).containsExactly("whoami all", "net user");
        // "unreadable" cannot be prefiltered, so it is a candidate for every event: never silently dropped.
        assertThat(candidates(p, event("C:\\Windows\\whoami.exe", "whoami /all"))).containsExactlyInAnyOrder("unreadable", "whoami all");
        assertThat(candidates(p, event("C:\\Windows\\whoami.exe", "whoami /groups"))).containsExactly("unreadable");
        // The text in the wrong field does not count.
        assertThat(candidates(p, event("C:\\tools\\x.exe", "copy \\whoami.exe /all"))).containsExactly("unreadable");
        assertThat(candidates(p, event("C:\\Windows\\net.exe", "NET USER bob /add /all /all"))).containsExactly("unreadable", "net user");
        assertThat(p.candidates(event("C:\\Windows\\net.exe", "net user"))).allSatisfy(c -> {
            assertThat(c.getRulePackage()).isEqualTo("pkg");
            assertThat(c.getEvent().getCommandLine()).isEqualTo("net user");
        });
    }

    /** Fields folded on every call are scanned raw and folded on the fly while ASCII; anything else, folded. */
    @Test
    void aFieldFoldedOnTheFlyFindsWhatItsFoldedValueHolds() {
        SigmaPrefilter p = SigmaPrefilter.build("pkg", Map.of("parent", "parentCommandLineLower:\u00e9t\u00e9 -enc & parentCommandLineLower:powershell"));
        String[] lines = {"POWERSHELL.EXE \u00c9T\u00c9 -ENC x", "powershell e\u0301te\u0301 -enc", "PowerShell -Enc \u00e9t\u00e9 -enc", "powershell -enc", "\u00e9t\u00e9 -enc"};
        for (String line : lines) {
            ProcessEvent e = ProcessEvent.builder().time(1_700_000_000_000L).host("WS01").image("C:\\x.exe").parentCommandLine(line)
                    .schema("test").source(new SourceRef("test", 1)).build();
            boolean holds = e.getParentCommandLineLower().contains("\u00e9t\u00e9 -enc") && e.getParentCommandLineLower().contains("powershell");
            assertThat(candidates(p, e)).as(line).isEqualTo(holds ? List.of("parent") : List.of());
        }
        ProcessEvent ascii = ProcessEvent.builder().time(1_700_000_000_000L).host("WS01").parentCommandLine("POWERSHELL -ENC")
                .schema("test").source(new SourceRef("test", 1)).build();
        SigmaPrefilter q = SigmaPrefilter.build("pkg", Map.of("ascii", "parentCommandLineLower:powershell -enc"));
        assertThat(candidates(q, ascii)).containsExactly("ascii");
    }

    @Test
    void aScanDoneAheadOnAnotherThreadGivesTheCandidatesAScanInTheSessionGives() throws Exception {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("whoami all", "imageLower:\\\\whoami.exe | originalFileNameLower:whoami.exe & commandLineLower: /all");
        rules.put("net user", "commandLineLower:net user");
        rules.put("whoami", "imageLower:whoami");
        rules.put("unreadable", "no delimiter|here");
        SigmaPrefilter p = SigmaPrefilter.build("pkg", rules);
        SigmaPrefilter other = SigmaPrefilter.build("other", Map.of("net", "commandLineLower:net "));

        ProcessEvent ahead = event("C:\\Windows\\whoami.exe", "whoami /all & net user x");
        Thread reader = new Thread(() -> SigmaPrefilter.readAhead(p).accept(ahead));
        reader.start();
        reader.join();

        ProcessEvent inSession = event("C:\\Windows\\whoami.exe", "whoami /all & net user x");
        assertThat(ahead.readAhead()).as("the reader left its scan on the event").isNotNull();
        assertThat(inSession.readAhead()).isNull();
        assertThat(candidates(p, ahead)).isEqualTo(candidates(p, inSession))
                .containsExactly("unreadable", "whoami", "whoami all", "net user");
        // A prefilter the scan was not done for scans for itself.
        assertThat(candidates(other, ahead)).containsExactly("net");
    }

}
