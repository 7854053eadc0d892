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
    private static final String[] BENIGN = {
            "C:\\Windows\\System32\\notepad.exe C:\\Users\\alice\\notes.txt", "C:\\Windows\\System32\\ipconfig.exe /all",
            "C:\\Windows\\System32\\whoami.exe", "net use", "net view \\\\fileserver"};

    private SyntheticEvents() {}

    /** {@code count} events over {@code hosts} hosts, {@code stepMillis} apart, about {@code discoveryPercent}% discovery. */
    static List<String> lines(int count, int hosts, long startMillis, long stepMillis, int discoveryPercent, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int h = r.nextInt(hosts);
            boolean discovery = r.nextInt(100) < discoveryPercent;
            String cmd = discovery ? DISCOVERY[r.nextInt(DISCOVERY.length)] : BENIGN[r.nextInt(BENIGN.length)];
            boolean system = discovery && h % 7 == 0;
            out.add(line(startMillis + i * stepMillis, "ws" + h + ".corp.local", system ? "NT AUTHORITY\\SYSTEM" : "CORP\\user" + (h % 3),
                    cmd, 1000 + i));
        }
        return out;
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
        String image = commandLine.startsWith("net ") ? "C:\\Windows\\System32\\net.exe" : commandLine.split(" ")[0];
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
