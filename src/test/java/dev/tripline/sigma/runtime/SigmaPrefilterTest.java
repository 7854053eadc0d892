package dev.tripline.sigma.runtime;

import dev.tripline.sigma.runtime.SigmaPrefilter.Literal;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}
