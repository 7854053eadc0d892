package dev.tripline.sigma.runtime;

import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.sigma.FieldMapping;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Converted rules state their conditions on the candidate, so it must read every property a Sigma field maps to
 * exactly as the event does; a property added to {@link FieldMapping} without its getter here fails this test
 * (and would fail to compile in every rule that used it).
 */
class SigmaCandidateTest {
    static final ProcessEvent EVENT = ProcessEvent.builder().time(1709629200000L).host("WS01.Corp.Local")
            .actor(new Account("CORP", "Alice", "S-1-5-21-1-2-3-1104")).logonId("0x3C21D")
            .image("C:\\Windows\\System32\\NET.exe").originalFileName("net.exe").commandLine("NET group \"Domain Admins\" /domain")
            .parentImage("C:\\Windows\\System32\\cmd.exe").parentCommandLine("cmd.exe /c x").integrityLevel("High")
            .processId("4242").parentProcessId("4200").currentDirectory("C:\\Users\\Alice\\").parentUser("CORP\\Bob")
            .hashes("SHA256=ABC").company("Microsoft Corporation").description("Net Command").product("Microsoft® Windows®")
            .fileVersion("10.0.19041.1").schema("test").source(new SourceRef("test", 1)).build();

    @Test void theCandidateReadsEveryMappedPropertyAsItsEventDoes() throws Exception {
        SigmaCandidate c = new SigmaCandidate("r", "p", EVENT);
        Set<String> roots = new LinkedHashSet<>();
        for (String sigmaField : FieldMapping.names().keySet()) {
            FieldMapping.Property p = FieldMapping.lookup(sigmaField).orElseThrow();
            for (String accessor : new String[]{p.raw(), p.folded()}) {
                if (accessor != null && !accessor.isEmpty()) roots.add(accessor.split("\\.")[0]);
            }
        }
        assertThat(roots).contains("imageLower", "commandLine", "actor", "hostKey").hasSizeGreaterThan(30);
        for (String root : roots) {
            String getter = "get" + Character.toUpperCase(root.charAt(0)) + root.substring(1);
            Method onEvent = ProcessEvent.class.getMethod(getter);
            Method onCandidate = SigmaCandidate.class.getMethod(getter);
            assertThat(onCandidate.invoke(c)).as(root).isEqualTo(onEvent.invoke(EVENT));
        }
    }
}
