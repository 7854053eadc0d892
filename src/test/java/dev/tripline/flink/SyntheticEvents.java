package dev.tripline.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sysmon EID 1 lines (the flat shape of the fixtures) for many hosts, in time order: mostly benign
 * processes, with account-discovery commands mixed in so detections, escalations (some run as
 * LOCAL_SYSTEM) and bursts (3 distinct commands within 10 minutes) all occur. Deterministic per seed.
 */
final class SyntheticEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String[] DISCOVERY = {
            "net group \"domain admins\" /domain", "net localgroup administrators", "net accounts /domain",
            "net group \"enterprise admins\" /domain", "net localgroup \"remote desktop users\""};
    // Processes no bundled rule matches (whoami, ipconfig, net view would be discovery to the Sigma pack).
    private static final String[] BENIGN = {
            "C:\\Windows\\System32\\notepad.exe C:\\Users\\alice\\notes.txt", "C:\\Windows\\System32\\conhost.exe 0xffffffff -ForceV1",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe --type=renderer", "C:\\Windows\\System32\\svchost.exe -k netsvcs -p",
            "C:\\Windows\\explorer.exe"};

    private SyntheticEvents() {}

    /** {@code count} events over {@code hosts} hosts, {@code stepMillis} apart, about {@code discoveryPercent}% discovery; three user accounts. */
    static List<String> lines(int count, int hosts, long startMillis, long stepMillis, int discoveryPercent, long seed) {
        return lines(count, hosts, 3, startMillis, stepMillis, discoveryPercent, seed);
    }

    /** As above with {@code accounts} user accounts (host h's user is user{h % accounts}), besides LOCAL_SYSTEM. */
    static List<String> lines(int count, int hosts, int accounts, long startMillis, long stepMillis, int discoveryPercent, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int h = r.nextInt(hosts);
            boolean discovery = r.nextInt(100) < discoveryPercent;
            String cmd = discovery ? DISCOVERY[r.nextInt(DISCOVERY.length)] : BENIGN[r.nextInt(BENIGN.length)];
            boolean system = discovery && h % 7 == 0;
            out.add(line(startMillis + i * stepMillis, "ws" + h + ".corp.local", system ? "NT AUTHORITY\\SYSTEM" : "CORP\\user" + (h % accounts),
                    cmd, 1000 + i));
        }
        return out;
    }

    /** A Security 4624 record, flat as an NXLog/EVTX export writes it: {@code domain\\name} logged on to {@code host}. */
    static String logon(long time, String host, String domain, String name, String sid, int logonType, String logonId, long recordId) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ProviderName", "Microsoft-Windows-Security-Auditing");
        o.put("EventID", 4624);
        o.put("Channel", "Security");
        o.put("EventRecordID", String.valueOf(recordId));
        o.put("Computer", host);
        o.put("TimeCreated", UTC.format(Instant.ofEpochMilli(time)));
        o.put("SubjectUserSid", "S-1-5-18");
        o.put("SubjectUserName", host.split("\\.")[0].toUpperCase() + "$");
        o.put("SubjectDomainName", domain);
        o.put("SubjectLogonId", "0x3e7");
        o.put("TargetUserSid", sid);
        o.put("TargetUserName", name);
        o.put("TargetDomainName", domain);
        o.put("TargetLogonId", logonId);
        o.put("LogonType", String.valueOf(logonType));
        o.put("LogonProcessName", "Advapi");
        o.put("AuthenticationPackageName", "Negotiate");
        return o.toString();
    }

    static String line(long time, String host, String user, String commandLine, long recordId) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ProviderName", "Microsoft-Windows-Sysmon");
        o.put("EventID", 1);
        o.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        o.put("EventRecordID", String.valueOf(recordId));
        o.put("Computer", host);
        o.put("UtcTime", UTC.format(Instant.ofEpochMilli(time)));
        o.put("ProcessId", String.valueOf(4000 + recordId % 1000));
        String image = commandLine.startsWith("net ") ? "C:\\Windows\\System32\\net.exe" : commandLine.substring(0, commandLine.indexOf(".exe") + 4);
        o.put("Image", image);
        o.put("OriginalFileName", image.substring(image.lastIndexOf('\\') + 1));
        o.put("CommandLine", commandLine);
        o.put("CurrentDirectory", "C:\\Windows\\system32\\");
        o.put("User", user);
        o.put("LogonId", user.startsWith("NT AUTHORITY") ? "0x3e7" : "0x3c21d");
        o.put("IntegrityLevel", "High");
        o.put("ParentProcessId", "3100");
        o.put("ParentImage", "C:\\Windows\\System32\\cmd.exe");
        o.put("ParentCommandLine", "C:\\Windows\\System32\\cmd.exe");
        return o.toString();
    }
}
