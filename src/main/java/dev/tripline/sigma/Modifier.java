package dev.tripline.sigma;

import java.util.Locale;
import java.util.Optional;

/** Sigma value modifiers (specification v2.1), as written after {@code |} in a field name. */
public enum Modifier {
    CONTAINS("contains"), STARTSWITH("startswith"), ENDSWITH("endswith"), ALL("all"), WINDASH("windash"),
    RE("re"), RE_I("i"), RE_M("m"), RE_S("s"),
    BASE64("base64"), BASE64OFFSET("base64offset"), UTF16LE("utf16le"), WIDE("wide"), UTF16BE("utf16be"), UTF16("utf16"),
    CIDR("cidr"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), EXISTS("exists"), FIELDREF("fieldref"), NEQ("neq"),
    EXPAND("expand"), CASED("cased");

    private final String token;

    Modifier(String token) { this.token = token; }

    public String token() { return token; }

    public static Optional<Modifier> of(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        // "i", "m", "s" are also accepted spelled out, as some rules write them.
        switch (t) {
            case "ignorecase": return Optional.of(RE_I);
            case "multiline": return Optional.of(RE_M);
            case "dotall": return Optional.of(RE_S);
            default: break;
        }
        for (Modifier m : values()) if (m.token.equals(t)) return Optional.of(m);
        return Optional.empty();
    }

    boolean isEncoding() { return this == BASE64 || this == BASE64OFFSET || this == UTF16LE || this == WIDE || this == UTF16BE || this == UTF16; }

    boolean isRegexFlag() { return this == RE_I || this == RE_M || this == RE_S; }

    boolean isComparison() { return this == LT || this == LTE || this == GT || this == GTE; }

    @Override public String toString() { return token; }
}
