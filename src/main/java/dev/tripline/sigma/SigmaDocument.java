package dev.tripline.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One YAML document of a Sigma file: a detection rule, a correlation rule or a filter. */
public sealed interface SigmaDocument {
    /** File the document came from, as given to the converter (for messages). */
    String file();
    String id();
    String title();

    /** Rule metadata shared by every kind. */
    record Meta(String id, String name, String title, String status, String description, String author,
                List<String> references, List<String> tags, List<String> falsePositives, String level, String date) {}

    /** A detection rule. {@code detection} keeps the identifiers in file order. */
    record Rule(String file, Meta meta, Map<String, String> logsource, LinkedHashMap<String, DetectionItem> detection,
                List<String> conditions) implements SigmaDocument {
        public String id() { return meta.id(); }
        public String title() { return meta.title(); }
    }

    /** A correlation rule (event_count, value_count, temporal, temporal_ordered). */
    record Correlation(String file, Meta meta, String type, List<String> rules, List<String> groupBy, String timespan,
                       Map<String, Object> condition, Map<String, Map<String, String>> aliases, boolean generate,
                       String field) implements SigmaDocument {
        public String id() { return meta.id(); }
        public String title() { return meta.title(); }
    }

    /** A filter: extra condition AND-ed to the rules it names ({@code rules: any} = all rules of its logsource). */
    record Filter(String file, Meta meta, Map<String, String> logsource, List<String> rules, boolean anyRule,
                  LinkedHashMap<String, DetectionItem> detection, List<String> conditions) implements SigmaDocument {
        public String id() { return meta.id(); }
        public String title() { return meta.title(); }
    }

    /** A detection identifier's content. */
    sealed interface DetectionItem {}

    /** A map: every field match must hold (AND). */
    record FieldGroup(List<FieldMatch> matches) implements DetectionItem {
        public FieldGroup { matches = List.copyOf(matches); }
    }

    /** A list of maps (or of lists): any may hold (OR). */
    record AnyOf(List<DetectionItem> items) implements DetectionItem {
        public AnyOf { items = List.copyOf(items); }
    }

    /** Plain values without a field: a keyword search. */
    record Keywords(List<Object> values) implements DetectionItem {}

    /**
     * {@code Field|mod|mod: value(s)}. {@code values} holds Strings, numbers, booleans or {@code null}
     * (a Java list can hold null). {@code key} is the key as written, for messages.
     */
    record FieldMatch(String key, String field, List<Modifier> modifiers, List<Object> values) {
        public boolean has(Modifier m) { return modifiers.contains(m); }
    }
}
