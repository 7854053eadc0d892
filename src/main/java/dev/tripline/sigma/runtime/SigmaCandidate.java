package dev.tripline.sigma.runtime;

import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;

/**
 * "This event contains the text rule {@code rule} of package {@code rulePackage} requires": inserted by the
 * package's prefilter rule for each candidate rule, and deleted once the rules have seen it.
 *
 * <p>A converted rule states its conditions on the candidate itself
 * ({@code SigmaCandidate( rule == "…", rulePackage == "…", $e : event, imageLower.endsWith( … ) … )}), so the
 * candidate reads every event property a Sigma field maps to (those of
 * {@link dev.tripline.sigma.FieldMapping}) from its event. {@code rule ==} is hashed across all rules, and the
 * conditions are tested right under it in the alpha network: a candidate costs its own rule's conditions, with
 * no join and no {@code from}, whether one rule is loaded or thousands.
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

    // The event's properties, as the converted conditions name them.
    public String getImage() { return event.getImage(); }
    public String getImageLower() { return event.getImageLower(); }
    public String getOriginalFileName() { return event.getOriginalFileName(); }
    public String getOriginalFileNameLower() { return event.getOriginalFileNameLower(); }
    public String getCommandLine() { return event.getCommandLine(); }
    public String getCommandLineLower() { return event.getCommandLineLower(); }
    public String getParentImage() { return event.getParentImage(); }
    public String getParentImageLower() { return event.getParentImageLower(); }
    public String getParentCommandLine() { return event.getParentCommandLine(); }
    public String getParentCommandLineLower() { return event.getParentCommandLineLower(); }
    public String getUser() { return event.getUser(); }
    public String getUserLower() { return event.getUserLower(); }
    public Account getActor() { return event.getActor(); }
    public String getIntegrityLevel() { return event.getIntegrityLevel(); }
    public String getIntegrityLevelLower() { return event.getIntegrityLevelLower(); }
    public String getLogonId() { return event.getLogonId(); }
    public String getLogonIdLower() { return event.getLogonIdLower(); }
    public String getCurrentDirectory() { return event.getCurrentDirectory(); }
    public String getCurrentDirectoryLower() { return event.getCurrentDirectoryLower(); }
    public String getHashes() { return event.getHashes(); }
    public String getHashesLower() { return event.getHashesLower(); }
    public String getDescription() { return event.getDescription(); }
    public String getDescriptionLower() { return event.getDescriptionLower(); }
    public String getProduct() { return event.getProduct(); }
    public String getProductLower() { return event.getProductLower(); }
    public String getCompany() { return event.getCompany(); }
    public String getCompanyLower() { return event.getCompanyLower(); }
    public String getFileVersion() { return event.getFileVersion(); }
    public String getFileVersionLower() { return event.getFileVersionLower(); }
    public String getParentUser() { return event.getParentUser(); }
    public String getParentUserLower() { return event.getParentUserLower(); }
    public String getProcessId() { return event.getProcessId(); }
    public String getParentProcessId() { return event.getParentProcessId(); }
    public String getHost() { return event.getHost(); }
    public String getHostKey() { return event.getHostKey(); }

    @Override public String toString() { return "SigmaCandidate[" + rulePackage + "/" + rule + " " + event + "]"; }
}
