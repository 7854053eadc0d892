package dev.tripline.engine;

/**
 * One file of a rule set: its path as the user knows it (for messages) and its path relative to the rules root
 * (which is also its package folder).
 */
public record RuleFile(String displayPath, String relativePath, String content) {
    public boolean isDrl() { return relativePath.endsWith(".drl"); }

    public boolean isData() { return relativePath.endsWith(".yaml") || relativePath.endsWith(".yml"); }
}
