package dev.tripline.sigma;

import dev.tripline.model.LogonId;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Sigma field names onto {@link dev.tripline.model.ProcessEvent} properties — data, like a pySigma pipeline,
 * never logic in generated DRL. One table for every shape Tripline ingests (Sysmon 1, Security 4688, Defender
 * DeviceProcessEvents, ECS): each name maps to the canonical property the normalizer fills from that shape, so
 * a rule written for any of them runs on all. A property a shape cannot carry is null on its events, and so
 * behaves as an absent field. Names are matched case-insensitively, as Sigma backends do.
 */
public final class FieldMapping {

    /**
     * A canonical event property: {@code raw} is its DRL accessor (null when absent), {@code folded} the
     * case-folded accessor ("" when absent) or null when the property has none (then the generated DRL calls
     * null-safe helpers on the raw value); {@code normalizer} rewrites a Sigma value the way the normalizer
     * rewrote the event's value (e.g. logon ids to lower-case hex).
     */
    public record Property(String name, String raw, String folded, UnaryOperator<String> normalizer) {}

    private static final Map<String, Property> PROPERTIES = new LinkedHashMap<>();
    private static final Map<String, String> SIGMA_TO_PROPERTY = new LinkedHashMap<>();

    private static final String[][] PROPERTY_TABLE = {
            // property            raw accessor        folded accessor
            {"image",              "image",            "imageLower"},
            {"originalFileName",   "originalFileName", "originalFileNameLower"},
            {"commandLine",        "commandLine",      "commandLineLower"},
            {"parentImage",        "parentImage",      "parentImageLower"},
            {"parentCommandLine",  "parentCommandLine", "parentCommandLineLower"},
            {"user",               "user",             "userLower"},
            {"userName",           "actor.name",       "actor.nameLower"},
            {"userDomain",         "actor.domain",     "actor.domainLower"},
            {"integrityLevel",     "integrityLevel",   "integrityLevelLower"},
            {"logonId",            "logonId",          "logonIdLower"},
            {"currentDirectory",   "currentDirectory", "currentDirectoryLower"},
            {"hashes",             "hashes",           "hashesLower"},
            {"description",        "description",      "descriptionLower"},
            {"product",            "product",          "productLower"},
            {"company",            "company",          "companyLower"},
            {"fileVersion",        "fileVersion",      "fileVersionLower"},
            {"parentUser",         "parentUser",       "parentUserLower"},
            {"processId",          "processId",        null},
            {"parentProcessId",    "parentProcessId",  null},
            {"host",               "host",             "hostKey"},
    };

    private static final String[][] NAME_TABLE = {
            // Sysmon Event ID 1 (the corpus' own names)
            {"Image", "image"}, {"OriginalFileName", "originalFileName"}, {"CommandLine", "commandLine"},
            {"ParentImage", "parentImage"}, {"ParentCommandLine", "parentCommandLine"}, {"User", "user"},
            {"IntegrityLevel", "integrityLevel"}, {"LogonId", "logonId"}, {"CurrentDirectory", "currentDirectory"},
            {"Hashes", "hashes"}, {"Description", "description"}, {"Product", "product"}, {"Company", "company"},
            {"FileVersion", "fileVersion"}, {"ParentUser", "parentUser"}, {"ProcessId", "processId"},
            {"ParentProcessId", "parentProcessId"}, {"Computer", "host"},
            // Security 4688
            {"NewProcessName", "image"}, {"ParentProcessName", "parentImage"}, {"SubjectUserName", "userName"},
            {"TargetUserName", "userName"}, {"SubjectDomainName", "userDomain"}, {"TargetDomainName", "userDomain"},
            {"SubjectLogonId", "logonId"}, {"TargetLogonId", "logonId"}, {"MandatoryLabel", "integrityLevel"},
            {"NewProcessId", "processId"},
            // Defender DeviceProcessEvents
            {"FolderPath", "image"}, {"ProcessVersionInfoOriginalFileName", "originalFileName"},
            {"ProcessCommandLine", "commandLine"}, {"InitiatingProcessFolderPath", "parentImage"},
            {"InitiatingProcessCommandLine", "parentCommandLine"}, {"AccountName", "userName"},
            {"AccountDomain", "userDomain"}, {"ProcessIntegrityLevel", "integrityLevel"},
            {"ProcessVersionInfoCompanyName", "company"}, {"ProcessVersionInfoFileDescription", "description"},
            {"ProcessVersionInfoProductName", "product"}, {"ProcessVersionInfoProductVersion", "fileVersion"},
            {"DeviceName", "host"},
            // ECS
            {"process.executable", "image"}, {"process.pe.original_file_name", "originalFileName"},
            {"process.command_line", "commandLine"}, {"process.parent.executable", "parentImage"},
            {"process.parent.command_line", "parentCommandLine"}, {"user.name", "userName"},
            {"user.domain", "userDomain"}, {"process.working_directory", "currentDirectory"},
            {"process.pe.company", "company"}, {"process.pe.description", "description"},
            {"process.pe.product", "product"}, {"process.pe.file_version", "fileVersion"},
            {"process.pid", "processId"}, {"process.parent.pid", "parentProcessId"}, {"host.name", "host"},
    };

    /** Security 4688 writes integrity as a mandatory-label SID; the canonical event holds Sysmon's word. */
    private static final Map<String, String> INTEGRITY_SIDS = Map.of(
            "s-1-16-0", "Untrusted", "s-1-16-4096", "Low", "s-1-16-8192", "Medium", "s-1-16-8448", "Medium",
            "s-1-16-12288", "High", "s-1-16-16384", "System", "s-1-16-20480", "Protected");

    static {
        for (String[] p : PROPERTY_TABLE) {
            UnaryOperator<String> norm = switch (p[0]) {
                case "logonId" -> v -> { String c = LogonId.canonical(v); return c == null ? v : c; };
                case "integrityLevel" -> v -> INTEGRITY_SIDS.getOrDefault(v.toLowerCase(Locale.ROOT), v);
                default -> UnaryOperator.identity();
            };
            PROPERTIES.put(p[0], new Property(p[0], p[1], p[2], norm));
        }
        for (String[] n : NAME_TABLE) SIGMA_TO_PROPERTY.put(n[0].toLowerCase(Locale.ROOT), n[1]);
    }

    private FieldMapping() {}

    /** The property a Sigma field name maps to, if any. */
    public static Optional<Property> lookup(String sigmaField) {
        String p = SIGMA_TO_PROPERTY.get(sigmaField.toLowerCase(Locale.ROOT));
        return p == null ? Optional.empty() : Optional.of(PROPERTIES.get(p));
    }

    public static Property resolve(String sigmaField) throws ConversionRejected {
        return lookup(sigmaField).orElseThrow(() -> ConversionRejected.field(sigmaField, null,
                "unknown field: '" + sigmaField + "' has no counterpart on Tripline's process event"));
    }

    /** Every Sigma field name the table knows, with the property it maps to. */
    public static Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] n : NAME_TABLE) out.put(n[0], n[1]);
        return out;
    }
}
