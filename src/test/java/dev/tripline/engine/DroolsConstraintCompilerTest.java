package dev.tripline.engine;

import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.internal.conf.ConstraintJittingThresholdOption;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Why rules that use {@code str[...]} run with interpreted constraints on Drools 10.2.0 (Tripline's own rules and
 * the converted Sigma rules do not use it, and run compiled), and the alarm for when that can end.
 *
 * <p>Drools compiles a constraint to bytecode after it has been evaluated a few times (the "jitting threshold").
 * In 10.2.0 that compiler still emits a call to {@code EvaluatorHelper.initOperators(FactHandle, Tuple, ...)},
 * which 10.2.0 changed to take a {@code BaseTuple}: every compiled constraint that holds a custom operator, such as
 * {@code imageLower str[endsWith] "\\net.exe" || ...} in Tripline's and Sigma's rules, throws NoSuchMethodError
 * from then on (upstream issue apache/incubator-kie-drools#6711, fixed after 10.2.0 by pull request 6730). It is
 * not a mix of jar versions: the whole family is 10.2.0. 10.1.0 compiles them fine but leaks every fired match of
 * a single-pattern rule (DormantMatchesTest), so RuleCompiler keeps 10.2.0 and turns the compiler off for rules
 * that use {@code str[...]}.
 */
class DroolsConstraintCompilerTest {
    private static final String DRL = """
            package tripline.probe;
            import dev.tripline.model.ProcessEvent;
            rule "Net or net1 ran"
            when
                ProcessEvent( imageLower str[endsWith] "\\\\net.exe" || imageLower str[endsWith] "\\\\net1.exe" )
            then
            end
            """;

    @Test void tripLinesRulesRunWithTheConstraintCompilerOnAndRulesWithStrOperatorsWithoutIt() throws Exception {
        assertThat(threshold(RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl"))).kieBase()))
                .as("the bundled rules: compiled at the first evaluation").isEqualTo(RuleCompiler.JITTING_THRESHOLD);
        java.io.ByteArrayOutputStream prebuilt = new java.io.ByteArrayOutputStream();
        PrebuiltRules.write(RuleSource.bundled(), prebuilt);
        assertThat(threshold(PrebuiltRules.readBundled(new java.io.ByteArrayInputStream(prebuilt.toByteArray())).orElseThrow().kieBase()))
                .as("the prebuilt bundled base keeps it").isEqualTo(RuleCompiler.JITTING_THRESHOLD);
        assertThat(RuleCompiler.jittingThreshold(List.of(DRL))).as("a rule with str[...]: interpreted").isEqualTo(-1);
        assertThat(RuleCompiler.jittingThreshold(List.of(DRL.replace("str[endsWith] \"\\\\net.exe\"", "== \"x\"")
                .replace("imageLower str[endsWith] \"\\\\net1.exe\"", "imageLower == \"y\"")))).isEqualTo(RuleCompiler.JITTING_THRESHOLD);
    }

    private static int threshold(KieBase base) {
        ConstraintJittingThresholdOption option = ((org.drools.base.RuleBase) base).getConfiguration().getOption(ConstraintJittingThresholdOption.KEY);
        assertThat(option).isNotNull();
        return option.getThreshold();
    }

    @Test void thisDroolsReleaseStillCannotRunACompiledStrConstraint() {
        KieBase compiling = kieBase(0), interpreted = kieBase(-1); // 0: compile at the first evaluation

        assertThat(fire(interpreted)).as("interpreted: the rule fires on every net.exe").isEqualTo(10);
        Throwable t = catchThrowable(() -> fire(compiling));

        assertThat(t)
                .as("When this fails, the Drools release in the pom compiles `str[...]` constraints again (upstream 6711 "
                        + "fixed): remove RuleCompiler.jittingThreshold and this test.")
                .isInstanceOf(NoSuchMethodError.class)
                .hasMessageContaining("EvaluatorHelper.initOperators");
    }

    private static int fire(KieBase kieBase) {
        KieSession session = kieBase.newKieSession();
        try {
            int fired = 0;
            for (int i = 0; i < 10; i++) {
                session.insert(Events.net("2026-03-02T10:00:00Z", "net localgroup administrators").build());
                fired += session.fireAllRules();
            }
            return fired;
        } finally {
            session.dispose();
        }
    }

    private static KieBase kieBase(int jittingThreshold) {
        KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration();
        conf.setOption(ConstraintJittingThresholdOption.get(jittingThreshold));
        return ProbeRules.kieBase(DRL, conf);
    }
}
