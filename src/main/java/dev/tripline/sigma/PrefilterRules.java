package dev.tripline.sigma;

/**
 * The two rules that drive a package's prefilter: one names, for each process event, the package's rules whose
 * {@code @prefilter} text the event holds (a {@code SigmaCandidate} each); the other lets the candidates go once
 * every rule has seen them. Written once per package beside the converted rules.
 */
final class PrefilterRules {
    /** The file name, in the package's folder (no Sigma rule file can take it: see SigmaConverter). */
    static final String FILE = "sigma_prefilter.drl";

    static final String CANDIDATES = "A process event is a candidate for each Sigma rule of this package whose text it holds";
    static final String LET_GO = "A Sigma candidate is let go once the rules have seen it";

    private PrefilterRules() {}

    /** Whether {@code ruleName} is one of the prefilter's own two rules (not a converted Sigma rule). */
    static boolean isPrefilterRule(String ruleName) { return CANDIDATES.equals(ruleName) || LET_GO.equals(ruleName); }

    static String generate(String pkg) {
        return "package " + pkg + ";\n"
                + "\n"
                + "// The prefilter of the converted Sigma rules in this package. Each rule with @prefilter runs only on events\n"
                + "// that hold the text it names (text its conditions cannot match without), so the cost of an event\n"
                + "// follows the rules it could match, not how many rules are loaded. Written by Tripline's converter.\n"
                + "\n"
                + "import dev.tripline.model.ProcessEvent;\n"
                + "import dev.tripline.sigma.runtime.SigmaCandidate;\n"
                + "import dev.tripline.sigma.runtime.SigmaPrefilter;\n"
                + "\n"
                + "rule \"" + CANDIDATES + "\"\n"
                + "when\n"
                + "    $e : ProcessEvent()\n"
                + "then\n"
                + "    // One Aho-Corasick pass over the event's folded fields, built from every @prefilter at the first event.\n"
                + "    for ( SigmaCandidate c : SigmaPrefilter.of( kcontext ).candidates( $e ) ) {\n"
                + "        insert( c );\n"
                + "    }\n"
                + "end\n"
                + "\n"
                + "rule \"" + LET_GO + "\"\n"
                + "    // Below every other rule: the candidate rules fire first.\n"
                + "    salience -1000000\n"
                + "when\n"
                + "    $c : SigmaCandidate( rulePackage == " + DrlText.literal(pkg) + " )\n"
                + "then\n"
                + "    delete( $c );\n"
                + "end\n";
    }
}
