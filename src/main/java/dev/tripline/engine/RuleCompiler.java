package dev.tripline.engine;

import dev.tripline.context.ContextListLoader;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.conf.EventProcessingOption;
import org.kie.internal.conf.ConstraintJittingThresholdOption;
import org.kie.api.runtime.KieContainer;
import org.kie.api.definition.rule.Rule;
import org.drools.base.definitions.rule.impl.RuleImpl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Compiles a {@link RuleSource} into a STREAM-mode KieBase with the classic DRL builder, whose messages carry
 * file and line (the executable model's do not), and maps every message back to the file on disk.
 */
public final class RuleCompiler {
    static final String KBASE = "tripline";
    private static final String RESOURCES = "src/main/resources/";

    private RuleCompiler() {}

    /**
     * A constraint is compiled to bytecode at its first evaluation (Drools' default waits for 20). With the Sigma
     * corpus most rules see only their candidates, a few hundred events in a run, so they spent much of it in
     * MVEL's interpreter: compiling at once raised the all-rules rate from 10,375 to 12,523 events/s on 100,000
     * events (bench/rulecount.sh), with the same alerts and no change to start-up.
     */
    static final int JITTING_THRESHOLD = 1;

    /**
     * When Drools may compile these rules' constraints to bytecode. Drools 10.2.0's constraint compiler emits a call
     * to a method 10.2.0 no longer has (upstream issue 6711, fixed after the release): a compiled {@code str[...]}
     * inside a compound constraint throws NoSuchMethodError (DroolsConstraintCompilerTest). The bundled rules and
     * the Sigma converter write {@code .startsWith}/{@code .endsWith} instead; rules that use {@code str[...]}
     * anywhere keep every constraint interpreted (-1), which is slower but right.
     */
    static int jittingThreshold(java.util.Collection<String> drl) {
        return drl.stream().anyMatch(text -> text.contains("str[")) ? -1 : JITTING_THRESHOLD;
    }

    /**
     * Compiles {@code given}, one rule per {@code @id} (see {@link RuleIdentity}): the ids loaded twice are in
     * {@link CompiledRules#duplicates()}.
     */
    public static CompiledRules compile(RuleSource given) throws RuleCompilationException {
        RuleIdentity.Resolution resolution = RuleIdentity.resolve(given);
        RuleSource source = resolution.source();
        List<RuleDiagnostic> errors = new ArrayList<>();
        List<RuleDiagnostic> warnings = new ArrayList<>();

        List<Object> contextFacts = new ArrayList<>();
        for (RuleFile data : source.dataFiles()) {
            contextFacts.addAll(ContextListLoader.load(data.displayPath(), data.content(),
                    p -> errors.add(new RuleDiagnostic(p.path(), p.line(), 0, RuleDiagnostic.Level.ERROR, p.message()))));
        }
        if (source.drlFiles().isEmpty()) {
            errors.add(new RuleDiagnostic(source.description(), 0, 0, RuleDiagnostic.Level.ERROR, "no .drl files found"));
        }

        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("dev.tripline.runtime", "rules-" + UUID.randomUUID(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        KieModuleModel module = ks.newKieModuleModel();
        module.newKieBaseModel(KBASE).setDefault(true).setEventProcessingMode(EventProcessingOption.STREAM);
        kfs.writeKModuleXML(module.toXML());

        Map<String, String> displayByVirtualPath = new HashMap<>();
        for (RuleFile drl : source.drlFiles()) {
            String virtual = RESOURCES + drl.relativePath();
            displayByVirtualPath.put(virtual, drl.displayPath());
            displayByVirtualPath.put(drl.relativePath(), drl.displayPath()); // messages may name the path below resources/
            kfs.write(virtual, drl.content());
        }

        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        for (Message m : builder.getResults().getMessages()) {
            // Follows every syntax error and says nothing the error does not.
            if (m.getText() != null && m.getText().contains("Parser returned a null Package")) continue;
            RuleDiagnostic d = diagnostic(m, displayByVirtualPath, source.description());
            (d.level() == RuleDiagnostic.Level.ERROR ? errors : warnings).add(d);
        }
        if (!errors.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleCompilationException(errors);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        KieBaseConfiguration conf = ks.newKieBaseConfiguration();
        conf.setOption(EventProcessingOption.STREAM);
        conf.setOption(ConstraintJittingThresholdOption.get(jittingThreshold(source.drlFiles().stream().map(RuleFile::content).toList())));
        KieBase kieBase = container.newKieBase(KBASE, conf);
        ks.getRepository().removeKieModule(releaseId);
        removeDuplicates(kieBase, resolution.removeAfterCompile(), displayByVirtualPath);
        return new CompiledRules(source.description(), kieBase, contextFacts, warnings, resolution.duplicates());
    }

    /** Removes the duplicate rules of files that also hold rules of their own (whole duplicate files were left out). */
    private static void removeDuplicates(KieBase kieBase, Map<String, Set<String>> idsByFile, Map<String, String> displayByVirtualPath) {
        if (idsByFile.isEmpty()) return;
        for (Rule rule : kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream()).toList()) {
            Object id = rule.getMetaData().get("id");
            if (id == null || !(rule instanceof RuleImpl impl) || impl.getResource() == null) continue;
            String path = impl.getResource().getSourcePath();
            Set<String> ids = idsByFile.get(displayByVirtualPath.getOrDefault(path, path));
            if (ids != null && ids.contains(String.valueOf(id))) kieBase.removeRule(rule.getPackageName(), rule.getName());
        }
    }

    private static RuleDiagnostic diagnostic(Message m, Map<String, String> displayByVirtualPath, String fallback) {
        String path = m.getPath() == null ? fallback : displayByVirtualPath.getOrDefault(m.getPath(), m.getPath());
        RuleDiagnostic.Level level = switch (m.getLevel()) {
            case ERROR -> RuleDiagnostic.Level.ERROR;
            case WARNING -> RuleDiagnostic.Level.WARNING;
            default -> RuleDiagnostic.Level.INFO;
        };
        return new RuleDiagnostic(path, m.getLine(), m.getColumn(), level, oneLine(m.getText()));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
