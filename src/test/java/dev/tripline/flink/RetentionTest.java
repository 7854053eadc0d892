package dev.tripline.flink;

import dev.tripline.engine.CompiledRules;
import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention in keyed state comes from the rules' own @expires (rules-drl/tripline/events, correlation/). */
class RetentionTest {
    static CompiledRules rules;

    @BeforeAll static void compile() throws Exception {
        rules = RuleCompiler.compile(RuleSource.bundled());
    }

    @Test void eachKindIsKeptForItsOwnLifetimeAndAtLeastTheLongestLifetimeOfWhatTheRulesDerive() {
        Retention r = Retention.of(rules, null);

        assertThat(Duration.ofMillis(r.horizonMillis())).as("the spread's @window 1h, longer than any derived lifetime (Detection 2m, TallyHold 5m)").isEqualTo(Duration.ofHours(1));
        assertThat(Duration.ofMillis(r.of(event(FlinkEvent.Kind.PROCESS)))).as("ProcessEvent @expires 1m").isEqualTo(Duration.ofHours(1));
        assertThat(Duration.ofMillis(r.of(event(FlinkEvent.Kind.LOGON)))).as("LogonEvent @expires 12h").isEqualTo(Duration.ofHours(12));
        assertThat(Duration.ofMillis(r.of(event(FlinkEvent.Kind.PRIVILEGED_LOGON)))).isEqualTo(Duration.ofHours(12));
        assertThat(Duration.ofMillis(r.of(event(FlinkEvent.Kind.SERVICE_INSTALL)))).as("ServiceInstallEvent @expires 1m").isEqualTo(Duration.ofHours(1));
    }

    @Test void aGivenHorizonReplacesTheDerivedOneButNeverShortensAnEventsOwnLifetime() {
        Retention r = Retention.of(rules, Duration.ofHours(5));

        assertThat(r.of(event(FlinkEvent.Kind.PROCESS))).isEqualTo(Duration.ofHours(5).toMillis());
        assertThat(Retention.of(rules, Duration.ofHours(1)).of(event(FlinkEvent.Kind.LOGON))).isEqualTo(Duration.ofHours(12).toMillis());
    }

    @Test void aDerivedHorizonKeepsWhatALateEventWithinTheRewindThresholdStillJoins() {
        Retention r = Retention.of(rules, null, Duration.ofHours(2));

        assertThat(Duration.ofMillis(r.horizonMillis())).as("1h of correlation window plus 2h of allowed lateness").isEqualTo(Duration.ofHours(3));
        assertThat(Duration.ofMillis(Retention.of(rules, Duration.ofHours(5), Duration.ofHours(2)).horizonMillis()))
                .as("a given horizon is taken as it is").isEqualTo(Duration.ofHours(5));
    }

    private static FlinkEvent event(FlinkEvent.Kind kind) {
        FlinkEvent e = new FlinkEvent();
        e.kind = kind;
        return e;
    }
}
