package dev.tripline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;

/**
 * Microsoft Defender for Endpoint {@code DeviceProcessEvents} rows (Advanced Hunting or Sentinel export).
 * {@code FolderPath} is the image's full path in current exports but only its folder in some older ones,
 * so the file name is appended when missing.
 */
final class DefenderProcessNormalizer implements Normalizer {
    static final String SCHEMA = "defender";
    private static final String PROCESS_CREATED = "ProcessCreated";

    @Override public boolean recognizes(JsonNode record) {
        return record.has("ActionType") && (record.has("DeviceName") || record.has("DeviceId"));
    }

    @Override public Outcome normalize(JsonNode r, SourceRef source) {
        String action = Fields.text(r, "ActionType");
        if (!PROCESS_CREATED.equalsIgnoreCase(action)) {
            return Outcome.skipped(Reasons.notUsed("Defender ActionType " + action));
        }
        ProcessEvent.Builder b = ProcessEvent.builder()
                .schema(SCHEMA)
                .source(source)
                .host(Fields.text(r, "DeviceName"))
                .actor(new Account(Fields.text(r, "AccountDomain"), Fields.text(r, "AccountName"),
                        Fields.text(r, "AccountSid")))
                .logonId(WindowsIds.logonId(Fields.text(r, "LogonId")))
                .originalFileName(Fields.text(r, "ProcessVersionInfoOriginalFileName"))
                .parentImage(fullPath(Fields.text(r, "InitiatingProcessFolderPath"),
                        Fields.text(r, "InitiatingProcessFileName")))
                .parentCommandLine(Fields.text(r, "InitiatingProcessCommandLine"))
                .integrityLevel(Fields.text(r, "ProcessIntegrityLevel"))
                .processId(Fields.text(r, "ProcessId"))
                .parentProcessId(Fields.text(r, "InitiatingProcessId"))
                .parentUser(parentUser(r))
                .hashes(ProcessEvents.hashes("SHA1", Fields.text(r, "SHA1"), "MD5", Fields.text(r, "MD5"),
                        "SHA256", Fields.text(r, "SHA256")))
                .company(Fields.text(r, "ProcessVersionInfoCompanyName"))
                .description(Fields.text(r, "ProcessVersionInfoFileDescription"))
                .product(Fields.text(r, "ProcessVersionInfoProductName"))
                .fileVersion(Fields.text(r, "ProcessVersionInfoProductVersion"));
        TimeField time = TimeField.firstOf(r, "Timestamp", "TimeGenerated");
        String image = fullPath(Fields.text(r, "FolderPath"), Fields.text(r, "FileName"));
        return ProcessEvents.complete(b, time, image, Fields.text(r, "ProcessCommandLine"));
    }

    static String fullPath(String folderPath, String fileName) {
        if (folderPath == null) return fileName;
        if (fileName == null || endsWithIgnoreCase(folderPath, fileName)) return folderPath;
        char last = folderPath.charAt(folderPath.length() - 1);
        if (last == '\\' || last == '/') return folderPath + fileName;
        boolean posix = folderPath.indexOf('/') >= 0 && folderPath.indexOf('\\') < 0;
        return folderPath + (posix ? "/" : "\\") + fileName;
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
    }

    private static String parentUser(JsonNode r) {
        Account a = new Account(Fields.text(r, "InitiatingProcessAccountDomain"),
                Fields.text(r, "InitiatingProcessAccountName"), null);
        return a.getName() == null ? null : a.display();
    }
}
