package dev.tripline.sigma;

/**
 * A Sigma document that cannot be converted faithfully. Never converted into something that matches
 * differently: the document is left out and this says why, naming the file, and where known the rule, field and
 * modifier.
 */
public final class ConversionRejected extends Exception {
    private final Rejection rejection;

    public ConversionRejected(String file, String ruleId, String field, String modifier, String reason) {
        super(new Rejection(file, ruleId, field, modifier, reason).toString());
        this.rejection = new Rejection(file, ruleId, field, modifier, reason);
    }

    static ConversionRejected of(String reason) { return new ConversionRejected(null, null, null, null, reason); }

    static ConversionRejected field(String field, String modifier, String reason) {
        return new ConversionRejected(null, null, field, modifier, reason);
    }

    /** The same rejection located in a file and rule. */
    ConversionRejected in(String file, String ruleId) {
        return new ConversionRejected(file, ruleId, rejection.field(), rejection.modifier(), rejection.reason());
    }

    public Rejection rejection() { return rejection; }

    /**
     * Why one document was left out. {@code reason} is a stable category first ("unknown field", "unsupported
     * modifier", …) then detail after ": ", so counts can be grouped by {@link #category()}.
     */
    public record Rejection(String file, String ruleId, String field, String modifier, String reason) {
        public String category() {
            int cut = reason.indexOf(": ");
            return cut < 0 ? reason : reason.substring(0, cut);
        }

        @Override public String toString() {
            StringBuilder s = new StringBuilder(file == null ? "<sigma>" : file);
            if (ruleId != null) s.append(" [").append(ruleId).append(']');
            if (field != null) s.append(" field ").append(field);
            if (modifier != null) s.append(" modifier ").append(modifier);
            return s.append(": ").append(reason).toString();
        }
    }
}
