package dev.tripline.engine;

import dev.tripline.model.RuleInfo;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detections read their rule's metadata with {@code RuleInfo.of(drools.getRule().getName(),
 * drools.getRule().getMetaData())} at every firing. Drools 10 gives each call a new view of the metadata, so a cache
 * keyed by the map's identity never hit (126,716 reads, 126,716 parses with every Sigma rule loaded): here a rule
 * fires three times in a real session and its metadata is parsed once.
 */
public class RuleMetadataReadOnceTest {
    public static final List<Object> SEEN = new ArrayList<>();

    private static final String DRL = """
            package tripline.probe;
            import dev.tripline.model.RuleInfo;
            import dev.tripline.engine.RuleMetadataReadOnceTest;
            declare Tick
                n : int
            end
            rule "Every tick reads its rule's metadata"
                @id("probe-1") @level("high") @tags("attack.discovery, attack.t1087.002")
            when
                Tick()
            then
                RuleMetadataReadOnceTest.SEEN.add(drools.getRule().getMetaData());
                RuleMetadataReadOnceTest.SEEN.add(RuleInfo.of(drools.getRule().getName(), drools.getRule().getMetaData()));
            end
            """;

    @Test void aRuleFiringThreeTimesHasItsMetadataParsedOnce() throws Exception {
        SEEN.clear();
        KieBase kieBase = ProbeRules.kieBase(DRL);
        KieSession session = kieBase.newKieSession();
        try {
            for (int i = 0; i < 3; i++) session.insert(kieBase.getFactType("tripline.probe", "Tick").newInstance());
            assertThat(session.fireAllRules()).isEqualTo(3);
        } finally {
            session.dispose();
        }
        assertThat(SEEN).hasSize(6);
        assertThat(SEEN.get(0)).as("Drools' metadata view is new per call (why the cache compares entries)")
                .isNotSameAs(SEEN.get(2)).isEqualTo(SEEN.get(2));
        RuleInfo first = (RuleInfo) SEEN.get(1);
        assertThat(first.id()).isEqualTo("probe-1");
        assertThat(first.tags()).containsExactly("attack.discovery", "attack.t1087.002");
        assertThat(SEEN.get(3)).isSameAs(first);
        assertThat(SEEN.get(5)).isSameAs(first);
    }
}
