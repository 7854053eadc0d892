package dev.tripline.sigma;

import dev.tripline.engine.RuleFile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a conversion produced: one DRL {@link RuleFile} per converted Sigma rule or correlation, and one
 * {@link ConversionRejected.Rejection} per document left out.
 */
public record ConversionResult(List<RuleFile> files, List<ConversionRejected.Rejection> rejections, int documents) {
    public ConversionResult {
        files = List.copyOf(files);
        rejections = List.copyOf(rejections);
    }

    /** Rejections counted by category ("unknown field", "unsupported regex", …), sorted by category. */
    public Map<String, Integer> rejectionCounts() {
        Map<String, Integer> out = new TreeMap<>();
        for (var r : rejections) out.merge(r.category(), 1, Integer::sum);
        return out;
    }
}
