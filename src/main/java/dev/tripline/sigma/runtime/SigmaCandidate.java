package dev.tripline.sigma.runtime;

import dev.tripline.model.ProcessEvent;

/**
 * "This event contains the text rule {@code rule} of package {@code rulePackage} requires": inserted by the
 * package's prefilter rule for each candidate rule, joined first by that rule ({@code rule ==} is hashed across
 * all rules, so the join costs the same with one rule or thousands), and deleted once the rules have seen it.
 */
public final class SigmaCandidate {
    private final String rule;
    private final String rulePackage;
    private final ProcessEvent event;

    public SigmaCandidate(String rule, String rulePackage, ProcessEvent event) {
        this.rule = rule;
        this.rulePackage = rulePackage;
        this.event = event;
    }

    public String getRule() { return rule; }
    public String getRulePackage() { return rulePackage; }
    public ProcessEvent getEvent() { return event; }

    @Override public String toString() { return "SigmaCandidate[" + rulePackage + "/" + rule + " " + event + "]"; }
}
