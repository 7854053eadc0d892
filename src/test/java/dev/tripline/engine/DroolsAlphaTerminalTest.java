package dev.tripline.engine;

import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.type.FactType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the burst and spread rules carry a second pattern that their logic does not need, and the alarm for when
 * that can end.
 *
 * <p>A rule of a single pattern compiles to Drools' alpha terminal node. In Drools 10.2.0, when such a rule's
 * consequence updates its own fact so that the pattern no longer matches, the fired match stays parked in the
 * rule's {@code RuleExecutor.dormantMatches} with its fact handle, and deleting the fact later does not remove
 * it. The correlation rules open a tally that way, so every tally that ever raised a burst stayed reachable
 * after the forget rule deleted it: the soak's live heap grew by about 0.4 MB per hour of event time. With a
 * second pattern the rule is an ordinary join and the match goes with the update.
 */
class DroolsAlphaTerminalTest {
    private static final String DRL = """
            package tripline.probe;
            declare Tally
                open : boolean
            end
            declare Cause
            end
            rule "A tally opens itself"
            when
                $t : Tally( open == false )
                %s
            then
                modify( $t ) { setOpen( true ) }
            end
            """;

    @Test void aSinglePatternRuleThatUpdatesItsOwnFactKeepsTheFiredMatchAfterTheFactIsDeleted() throws Exception {
        assertThat(parkedAfterOpeningAndDeleting(""))
                .as("When this fails, the Drools release in the pom lets such a match go (alpha terminal node): "
                        + "the `exists Detection(...)` patterns of discovery_burst.drl and discovery_spread.drl can go, "
                        + "and this test with them.")
                .isEqualTo(1);
    }

    @Test void withASecondPatternTheMatchGoesWithTheUpdate() throws Exception {
        assertThat(parkedAfterOpeningAndDeleting("exists Cause()")).isZero();
    }

    /** Inserts a closed tally, lets the rule open it, deletes it: the matches Drools still keeps parked. */
    private static long parkedAfterOpeningAndDeleting(String secondPattern) throws Exception {
        KieBase kieBase = ProbeRules.kieBase(DRL.formatted(secondPattern));
        KieSession session = kieBase.newKieSession();
        try {
            session.insert(kieBase.getFactType("tripline.probe", "Cause").newInstance());
            FactType tallyType = kieBase.getFactType("tripline.probe", "Tally");
            FactHandle tally = session.insert(tallyType.newInstance());
            assertThat(session.fireAllRules()).as("the rule opened the tally").isEqualTo(1);
            assertThat(tallyType.get(session.getObject(tally), "open")).isEqualTo(true);
            session.delete(tally);
            session.fireAllRules();
            assertThat(session.getFactCount()).as("only the cause is left").isEqualTo(1);
            return DormantMatchesTest.dormantMatches(session);
        } finally {
            session.dispose();
        }
    }
}
