package dev.tripline.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule's metadata is read once per rule, and what is read again is what a fresh read gives. */
class RuleInfoTest {
    static Map<String, Object> meta(String id, String level, String tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "\"" + id + "\"");
        m.put("title", "Net group recon");
        m.put("level", level);
        m.put("tags", tags);
        m.put("falsepositives", "admins; scripts");
        return m;
    }

    @Test void theSameRulesMetadataIsReadOnceAndAsAFreshReadGivesIt() {
        Map<String, Object> m = meta("d95de845", "high", "attack.discovery, attack.t1087.002");
        RuleInfo first = RuleInfo.of("net group", m);
        assertThat(RuleInfo.of("net group", m)).isSameAs(first);
        // Drools hands each firing a new unmodifiable view of the same entries: still the same read.
        assertThat(RuleInfo.of("net group", java.util.Collections.unmodifiableMap(new HashMap<>(m)))).isSameAs(first);
        // The same name with other metadata (a rule of another package): read anew.
        Map<String, Object> other = meta("other-id", "low", "attack.execution");
        RuleInfo otherPackage = RuleInfo.of("net group", other);
        assertThat(otherPackage.id()).isEqualTo("other-id");
        assertThat(otherPackage.level()).isEqualTo(Severity.LOW);
        assertThat(RuleInfo.of("net group", m).id()).isEqualTo("d95de845");
        assertThat(first.id()).isEqualTo("d95de845");
        assertThat(first.level()).isEqualTo(Severity.HIGH);
        assertThat(first.tags()).containsExactly("attack.discovery", "attack.t1087.002");
        assertThat(first.falsePositives()).containsExactly("admins", "scripts");
    }

    @Test void manyRulesDoNotMixUpTheirMetadata() {
        List<Map<String, Object>> metas = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) metas.add(meta("id-" + i, i % 2 == 0 ? "low" : "critical", "t" + i));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < metas.size(); i++) {
                RuleInfo info = RuleInfo.of("rule " + i, metas.get(i));
                assertThat(info.name()).isEqualTo("rule " + i);
                assertThat(info.id()).isEqualTo("id-" + i);
                assertThat(info.tags()).containsExactly("t" + i);
                assertThat(info.level()).isEqualTo(i % 2 == 0 ? Severity.LOW : Severity.CRITICAL);
            }
        }
        // One map, two rule names (a name is part of the identity)
        Map<String, Object> shared = metas.get(0);
        assertThat(RuleInfo.of("a", shared).name()).isEqualTo("a");
        assertThat(RuleInfo.of("b", shared).name()).isEqualTo("b");
    }
}
