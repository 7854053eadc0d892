package dev.tripline.sigma;

import dev.tripline.engine.RuleFile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a conversion produced: one DRL {@link RuleFile} per converted Sigma rule or correlation, one
 * {@link ConversionRejected.Rejection} per document left out, and the support files the rules need.
 */
public record ConversionResult(List<RuleFile> files, List<ConversionRejected.Rejection> rejections, int documents,
                               List<RuleFile> support) {
    public ConversionResult {
        files = List.copyOf(files);
        rejections = List.copyOf(rejections);
        support = List.copyOf(support);
    }

    public ConversionResult(List<RuleFile> files, List<ConversionRejected.Rejection> rejections, int documents) {
        this(files, rejections, documents, List.of());
    }

    /**
     * The converted rules plus the {@code support} files they need to run (the package's prefilter rules,
     * {@code sigma_prefilter.drl}): what to compile or write.
     */
    public List<RuleFile> allFiles() {
        List<RuleFile> all = new java.util.ArrayList<>(files);
        all.addAll(support);
        return all;
    }

    /** Rejections counted by category ("unknown field", "unsupported regex", …), sorted by category. */
    public Map<String, Integer> rejectionCounts() {
        Map<String, Integer> out = new TreeMap<>();
        for (var r : rejections) out.merge(r.category(), 1, Integer::sum);
        return out;
    }
}
