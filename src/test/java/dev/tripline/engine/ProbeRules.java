package dev.tripline.engine;

import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** A KieBase from one small DRL, for tests that pin down how the Drools release in the pom behaves. */
final class ProbeRules {
    private ProbeRules() {}

    static KieBase kieBase(String drl, KieBaseConfiguration conf) {
        KieServices ks = KieServices.Factory.get();
        KieBuilder builder = ks.newKieBuilder(ks.newKieFileSystem().write("src/main/resources/tripline/probe/probe.drl", drl)).buildAll();
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).as("the probe DRL compiles").isEmpty();
        return ks.newKieContainer(builder.getKieModule().getReleaseId()).newKieBase(conf);
    }

    static KieBase kieBase(String drl) {
        return kieBase(drl, KieServices.Factory.get().newKieBaseConfiguration());
    }
}
