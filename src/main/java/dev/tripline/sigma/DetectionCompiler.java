package dev.tripline.sigma;

import com.google.re2j.PatternSyntaxException;
import dev.tripline.model.Text;
import dev.tripline.sigma.SigmaDocument.AnyOf;
import dev.tripline.sigma.SigmaDocument.DetectionItem;
import dev.tripline.sigma.SigmaDocument.FieldGroup;
import dev.tripline.sigma.SigmaDocument.FieldMatch;
import dev.tripline.sigma.SigmaDocument.Keywords;
import dev.tripline.sigma.runtime.RegexLiterals;
import dev.tripline.sigma.runtime.SigmaMatch;
import dev.tripline.sigma.runtime.SigmaPrefilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a rule's detection section and condition into one DRL constraint on {@code ProcessEvent}. Values and
 * patterns reach the DRL only through {@link DrlText#literal}. Anything it cannot express exactly throws
 * {@link ConversionRejected}.
 */
final class DetectionCompiler {
    private static final Set<Modifier> STRING_KINDS = EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH);
    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};
    private static final int MAX_VARIANTS = 256;
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.\\-]+)%");

    private final Map<String, List<String>> placeholders;

    DetectionCompiler(Map<String, List<String>> placeholders) { this.placeholders = placeholders; }

    /** The constraint for the whole detection: the condition (a list of conditions is their OR). */
    Expr detection(Map<String, DetectionItem> identifiers, List<String> conditions) throws ConversionRejected {
        Map<String, Expr> compiled = new LinkedHashMap<>();
        for (var e : identifiers.entrySet()) compiled.put(e.getKey(), new Expr.Labeled(DrlText.identifier(e.getKey()), item(e.getValue())));
        List<Expr> terms = new ArrayList<>();
        for (String c : conditions) terms.add(condition(ConditionParser.parse(c), compiled));
        return Expr.or(terms);
    }

    static Expr condition(Condition c, Map<String, Expr> ids) throws ConversionRejected {
        if (c instanceof Condition.Or o) {
            List<Expr> t = new ArrayList<>();
            for (Condition x : o.terms()) t.add(condition(x, ids));
            return Expr.or(t);
        }
        if (c instanceof Condition.And a) {
            List<Expr> t = new ArrayList<>();
            for (Condition x : a.terms()) t.add(condition(x, ids));
            return Expr.and(t);
        }
        if (c instanceof Condition.Not n) return new Expr.Not(condition(n.term(), ids));
        if (c instanceof Condition.Ref r) {
            Expr e = ids.get(r.name());
            if (e == null) throw ConversionRejected.of("invalid condition: unknown identifier '" + r.name() + "'");
            return e;
        }
        Condition.Quantified q = (Condition.Quantified) c;
        List<Expr> matched = new ArrayList<>();
        for (var e : ids.entrySet()) {
            boolean hit = q.them() ? !e.getKey().startsWith("_") : globMatches(q.pattern(), e.getKey());
            if (hit) matched.add(e.getValue());
        }
        if (matched.isEmpty()) throw ConversionRejected.of("invalid condition: '" + (q.them() ? "them" : q.pattern()) + "' names no identifier");
        return switch (q.quantifier()) {
            case ANY -> Expr.or(matched);
            case ALL -> Expr.and(matched);
            case AT_LEAST -> atLeast(q.count(), matched);
        };
    }

    /** "N of": the OR over every N-subset's AND (exact, and small for the counts rules use). */
    private static Expr atLeast(int n, List<Expr> terms) throws ConversionRejected {
        if (n > terms.size()) return new Expr.Atom("false");
        List<Expr> combos = new ArrayList<>();
        combine(terms, n, 0, new ArrayList<>(), combos);
        if (combos.size() > 64) throw ConversionRejected.of("unsupported condition: '" + n + " of' over " + terms.size() + " identifiers expands to " + combos.size() + " terms");
        return Expr.or(combos);
    }

    private static void combine(List<Expr> terms, int n, int from, List<Expr> chosen, List<Expr> out) {
        if (chosen.size() == n) { out.add(Expr.and(new ArrayList<>(chosen))); return; }
        for (int i = from; i < terms.size() && out.size() <= 64; i++) {
            chosen.add(terms.get(i));
            combine(terms, n, i + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    static boolean globMatches(String pattern, String name) {
        return dev.tripline.sigma.runtime.Wildcard.compile(pattern.replace("\\", "\\\\").replace("?", "\\?")).matches(name);
    }

    Expr item(DetectionItem item) throws ConversionRejected {
        if (item instanceof FieldGroup g) {
            List<Expr> t = new ArrayList<>();
            for (FieldMatch m : g.matches()) t.add(field(m));
            return Expr.and(t);
        }
        if (item instanceof AnyOf a) {
            List<Expr> t = new ArrayList<>();
            for (DetectionItem i : a.items()) t.add(item(i));
            return Expr.or(t);
        }
        throw ConversionRejected.of("unsupported detection: keyword search (values without a field) has no field to search on a process event");
    }

    Expr field(FieldMatch m) throws ConversionRejected {
        FieldMapping.Property p = FieldMapping.resolve(m.field());
        List<Modifier> mods = m.modifiers();
        Modifier kind = null;
        for (Modifier mod : mods) {
            if (STRING_KINDS.contains(mod)) {
                if (kind != null) throw ConversionRejected.field(m.field(), mod.token(), "unsupported modifier: '" + kind + "' and '" + mod + "' together");
                kind = mod;
            }
        }
        boolean all = m.has(Modifier.ALL);
        boolean cased = m.has(Modifier.CASED);
        List<Expr> perValue = new ArrayList<>();

        if (m.has(Modifier.RE)) {
            allowOnly(m, EnumSet.of(Modifier.RE, Modifier.RE_I, Modifier.RE_M, Modifier.RE_S, Modifier.ALL));
            String flags = (m.has(Modifier.RE_I) ? "i" : "") + (m.has(Modifier.RE_M) ? "m" : "") + (m.has(Modifier.RE_S) ? "s" : "");
            for (Object v : m.values()) {
                if (!(v instanceof String re)) throw ConversionRejected.field(m.field(), "re", "invalid value: a regular expression must be a string");
                try {
                    SigmaMatch.regex(re, flags);
                } catch (PatternSyntaxException e) {
                    throw ConversionRejected.field(m.field(), "re", "unsupported regex: RE2 (linear time) cannot express /" + re + "/: " + e.getDescription());
                }
                perValue.add(new Expr.Atom("SigmaMatch.re( " + p.raw() + ", " + DrlText.literal(re) + ", " + DrlText.literal(flags) + " )",
                        regexNeeds(p, re, flags)));
            }
            return all ? Expr.and(perValue) : Expr.or(perValue);
        }
        for (Modifier mod : mods) {
            if (mod.isRegexFlag()) throw ConversionRejected.field(m.field(), mod.token(), "unsupported modifier: '" + mod + "' only applies after 're'");
        }
        if (m.has(Modifier.EXISTS)) {
            allowOnly(m, EnumSet.of(Modifier.EXISTS));
            if (m.values().size() != 1 || !(m.values().get(0) instanceof Boolean b))
                throw ConversionRejected.field(m.field(), "exists", "invalid value: 'exists' takes true or false");
            return new Expr.Atom(p.raw() + (b ? " != null" : " == null"));
        }
        if (m.has(Modifier.FIELDREF)) {
            allowOnly(m, EnumSet.of(Modifier.FIELDREF, Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH, Modifier.ALL, Modifier.CASED));
            for (Object v : m.values()) {
                if (!(v instanceof String other)) throw ConversionRejected.field(m.field(), "fieldref", "invalid value: 'fieldref' takes a field name");
                FieldMapping.Property q = FieldMapping.resolve(other);
                String how = kind == null ? "eq" : kind.token();
                perValue.add(new Expr.Atom("SigmaMatch.fieldRef( " + p.raw() + ", " + q.raw() + ", \"" + how + "\", " + cased + " )"));
            }
            return all ? Expr.and(perValue) : Expr.or(perValue);
        }
        if (m.has(Modifier.CIDR)) {
            allowOnly(m, EnumSet.of(Modifier.CIDR, Modifier.ALL));
            for (Object v : m.values()) {
                String range = String.valueOf(v);
                try {
                    SigmaMatch.Cidr.parse(range);
                } catch (RuntimeException e) {
                    throw ConversionRejected.field(m.field(), "cidr", "invalid value: '" + range + "' is not a CIDR range");
                }
                perValue.add(new Expr.Atom("SigmaMatch.cidr( " + p.raw() + ", " + DrlText.literal(range) + " )"));
            }
            return all ? Expr.and(perValue) : Expr.or(perValue);
        }
        Modifier cmp = mods.stream().filter(Modifier::isComparison).findFirst().orElse(null);
        if (cmp != null) {
            allowOnly(m, EnumSet.of(cmp, Modifier.ALL));
            for (Object v : m.values()) {
                double bound;
                try {
                    bound = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
                } catch (NumberFormatException e) {
                    throw ConversionRejected.field(m.field(), cmp.token(), "invalid value: '" + v + "' is not a number");
                }
                if (!Double.isFinite(bound)) throw ConversionRejected.field(m.field(), cmp.token(), "invalid value: '" + v + "' is not a finite number");
                perValue.add(new Expr.Atom("SigmaMatch.compare( " + p.raw() + ", \"" + cmp.token() + "\", " + bound + "d )"));
            }
            return all ? Expr.and(perValue) : Expr.or(perValue);
        }
        allowOnly(m, EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH, Modifier.ALL, Modifier.WINDASH,
                Modifier.BASE64, Modifier.BASE64OFFSET, Modifier.UTF16LE, Modifier.WIDE, Modifier.UTF16BE, Modifier.UTF16,
                Modifier.NEQ, Modifier.EXPAND, Modifier.CASED));
        boolean neq = m.has(Modifier.NEQ);
        for (Object v : m.values()) {
            if (v == null) {
                if (mods.stream().anyMatch(x -> x.isEncoding() || x == Modifier.WINDASH || x == Modifier.EXPAND))
                    throw ConversionRejected.field(m.field(), null, "invalid value: null with a transforming modifier");
                Expr e = new Expr.Atom(p.raw() + " == null");
                perValue.add(neq ? new Expr.Not(e) : e);
                continue;
            }
            if (v instanceof Boolean) throw ConversionRejected.field(m.field(), null, "invalid value: a boolean is only valid with 'exists'");
            String text = String.valueOf(v);
            List<Expr> variants = new ArrayList<>();
            for (SigmaString s : transform(m, text)) variants.add(atom(p, kind, s, cased));
            Expr e = Expr.or(variants);
            perValue.add(neq ? new Expr.Not(e) : e);
        }
        return all ? Expr.and(perValue) : Expr.or(perValue);
    }

    /**
     * The literals a regex's every match leaves in the property's folded value ({@link RegexLiterals}), as the
     * prefilter names them; null when there are none or the property has no folded form of its raw value.
     */
    private static List<SigmaPrefilter.Literal> regexNeeds(FieldMapping.Property p, String re, String flags) {
        // Only the *Lower accessors are Text.fold (or lower-casing) of the raw value the regex runs on.
        if (p.folded() == null || !p.folded().equals(p.raw() + "Lower")) return null;
        List<List<String>> clauses = RegexLiterals.folded(re, flags);
        if (clauses.isEmpty()) return null;
        List<SigmaPrefilter.Literal> out = new ArrayList<>();
        for (String l : clauses.get(0)) out.add(new SigmaPrefilter.Literal(p.folded(), l));
        return out;
    }

    private static void allowOnly(FieldMatch m, Set<Modifier> allowed) throws ConversionRejected {
        for (Modifier mod : m.modifiers()) {
            if (!allowed.contains(mod)) throw ConversionRejected.field(m.field(), mod.token(),
                    "unsupported modifier: '" + mod + "' cannot be combined in '" + m.key() + "'");
        }
    }

    /** The value's variants after expand, windash and encodings, in the modifiers' order. */
    private List<SigmaString> transform(FieldMatch m, String text) throws ConversionRejected {
        List<String> expanded = List.of(text);
        if (m.has(Modifier.EXPAND)) expanded = expand(m, text);
        List<SigmaString> out = new ArrayList<>();
        for (String t : expanded) {
            List<SigmaString> current = List.of(SigmaString.parse(t));
            byte[][] bytes = null;
            for (Modifier mod : m.modifiers()) {
                if (mod == Modifier.WINDASH) {
                    if (bytes != null) throw ConversionRejected.field(m.field(), "windash", "unsupported modifier: 'windash' after an encoding");
                    List<SigmaString> next = new ArrayList<>();
                    for (SigmaString s : current) next.addAll(windash(s));
                    if (next.size() > MAX_VARIANTS) throw ConversionRejected.field(m.field(), "windash", "unsupported value: '" + t + "' has too many option dashes");
                    current = next;
                } else if (mod == Modifier.UTF16LE || mod == Modifier.WIDE || mod == Modifier.UTF16BE || mod == Modifier.UTF16) {
                    if (bytes != null) throw ConversionRejected.field(m.field(), mod.token(), "unsupported modifier: two text encodings");
                    bytes = new byte[current.size()][];
                    for (int i = 0; i < current.size(); i++) {
                        SigmaString s = current.get(i);
                        if (s.hasWildcards()) throw ConversionRejected.field(m.field(), mod.token(), "unsupported value: wildcards cannot be encoded ('" + t + "')");
                        bytes[i] = switch (mod) {
                            case UTF16BE -> s.text().getBytes(StandardCharsets.UTF_16BE);
                            case UTF16 -> concat(new byte[]{(byte) 0xff, (byte) 0xfe}, s.text().getBytes(StandardCharsets.UTF_16LE));
                            default -> s.text().getBytes(StandardCharsets.UTF_16LE);
                        };
                    }
                } else if (mod == Modifier.BASE64 || mod == Modifier.BASE64OFFSET) {
                    List<SigmaString> next = new ArrayList<>();
                    for (int i = 0; i < current.size(); i++) {
                        SigmaString s = current.get(i);
                        if (bytes == null && s.hasWildcards()) throw ConversionRejected.field(m.field(), mod.token(), "unsupported value: wildcards cannot be base64-encoded ('" + t + "')");
                        byte[] b = bytes != null ? bytes[i] : s.text().getBytes(StandardCharsets.UTF_8);
                        if (mod == Modifier.BASE64) next.add(SigmaString.literal(Base64.getEncoder().encodeToString(b)));
                        else for (String o : base64Offsets(b)) next.add(SigmaString.literal(o));
                    }
                    current = next;
                    bytes = null;
                }
            }
            if (bytes != null) throw ConversionRejected.field(m.field(), "utf16", "unsupported modifier: a UTF-16 encoding must be followed by base64 or base64offset (process events hold text)");
            out.addAll(current);
        }
        return out;
    }

    private List<String> expand(FieldMatch m, String text) throws ConversionRejected {
        List<String> out = new ArrayList<>(List.of(text));
        Matcher pm = PLACEHOLDER.matcher(text);
        while (pm.find()) {
            String name = pm.group(1);
            List<String> values = placeholders.get(name);
            if (values == null || values.isEmpty()) throw ConversionRejected.field(m.field(), "expand", "unresolved placeholder: %" + name + "% has no configured values");
            List<String> next = new ArrayList<>();
            for (String o : out) for (String v : values) next.add(o.replace("%" + name + "%", v));
            out = next;
        }
        return out;
    }

    /** pySigma's base64offset: the value at byte offsets 0, 1, 2, trimmed to the characters that do not depend on neighbours. */
    static List<String> base64Offsets(byte[] value) {
        int[] start = {0, 2, 3};
        int[] end = {0, 3, 2};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] shifted = concat(" ".repeat(i).getBytes(StandardCharsets.US_ASCII), value);
            String b64 = Base64.getEncoder().encodeToString(shifted);
            int cutEnd = end[(value.length + i) % 3];
            out.add(b64.substring(start[i], b64.length() - cutEnd));
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** windash: every option dash ('-' or '/' after a non-word character or the start, before a word character) × 5 dashes. */
    static List<SigmaString> windash(SigmaString s) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (s.kindAt(i) != SigmaString.Kind.LITERAL) continue;
            char c = s.charAt(i);
            if (c != '-' && c != '/') continue;
            boolean before = i == 0 || s.kindAt(i - 1) != SigmaString.Kind.LITERAL || !word(s.charAt(i - 1));
            boolean after = i + 1 < s.length() && s.kindAt(i + 1) == SigmaString.Kind.LITERAL && word(s.charAt(i + 1));
            if (before && after) positions.add(i);
        }
        List<SigmaString> out = new ArrayList<>(List.of(s));
        for (int pos : positions) {
            List<SigmaString> next = new ArrayList<>();
            for (SigmaString v : out) for (char d : DASHES) next.add(v.withChar(pos, d));
            out = next;
            if (out.size() > MAX_VARIANTS * 5) break;
        }
        return out;
    }

    private static boolean word(char c) { return Character.isLetterOrDigit(c) || c == '_'; }

    /** One string test of one property. */
    static Expr atom(FieldMapping.Property p, Modifier kind, SigmaString s, boolean cased) {
        if (s.onlyAny()) return new Expr.Atom(p.raw() + " != null");
        if (!s.hasWildcards()) {
            String text = s.text();
            if (kind == null) text = p.normalizer().apply(text);
            if (text.isEmpty()) return new Expr.Atom(kind == null ? p.raw() + " == \"\"" : p.raw() + " != null");
            if (cased) {
                String fn = kind == null ? "equalsCased" : kind == Modifier.CONTAINS ? "containsCased" : kind == Modifier.STARTSWITH ? "startsWithCased" : "endsWithCased";
                return new Expr.Atom("SigmaMatch." + fn + "( " + p.raw() + ", " + DrlText.literal(text) + " )");
            }
            String lit = DrlText.literal(Text.fold(text));
            if (p.folded() == null) {
                String fn = kind == null ? "equalsFolded" : kind == Modifier.CONTAINS ? "containsFolded" : kind == Modifier.STARTSWITH ? "startsWithFolded" : "endsWithFolded";
                return new Expr.Atom("SigmaMatch." + fn + "( " + p.raw() + ", " + lit + " )");
            }
            // startswith/endswith as String's own methods, not Drools' str[...] operator: Drools 10.2.0 cannot compile
            // a str[...] inside a compound constraint (upstream 6711), and compiled constraints are what make a
            // large rule set fast (README, rule count).
            if (kind == Modifier.STARTSWITH || kind == Modifier.ENDSWITH)
                return new Expr.Atom(p.folded() + (kind == Modifier.STARTSWITH ? ".startsWith( " : ".endsWith( ") + lit + " )",
                        new SigmaPrefilter.Literal(p.folded(), Text.fold(text)));
            String op = kind == null ? "==" : "contains";
            return new Expr.Atom(p.folded() + " " + op + " " + lit, new SigmaPrefilter.Literal(p.folded(), Text.fold(text)));
        }
        SigmaString pattern = s.wrap(kind == Modifier.CONTAINS || kind == Modifier.ENDSWITH, kind == Modifier.CONTAINS || kind == Modifier.STARTSWITH);
        if (cased) return new Expr.Atom("SigmaMatch.like( " + p.raw() + ", " + DrlText.literal(pattern.toPattern()) + " )");
        String glob = DrlText.literal(pattern.mapLiterals(Text::fold).toPattern());
        if (p.folded() == null) return new Expr.Atom("SigmaMatch.likeFolded( " + p.raw() + ", " + glob + " )");
        String longest = pattern.mapLiterals(Text::fold).longestLiteralRun();
        return new Expr.Atom("SigmaMatch.like( " + p.folded() + ", " + glob + " )",
                longest.isEmpty() ? null : new SigmaPrefilter.Literal(p.folded(), longest));
    }
}
