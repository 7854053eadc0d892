package dev.tripline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * An endless-looking JSON Lines stream for the soak: Windows events made on demand (nothing on disk), in
 * event-time order at a fixed rate, from a fixed population of hosts and accounts. It exercises the bundled
 * rules the way a busy estate does: mostly benign Sysmon process creations, account-discovery commands that
 * fire the detection rules (single-pattern rules, the shape Drools 10.1.0 leaked on), bursts that fire the
 * correlations, some of it as LOCAL_SYSTEM and from server parents (escalations), and 4624/4672 logons that
 * live 12 hours in the session. Deterministic per seed.
 *
 * <p>Each time the stream's event time crosses a whole hour, {@code onHour} is called with the hours elapsed,
 * before the first line of that hour is handed out.
 */
final class SoakEvents extends InputStream {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final long HOUR = 3_600_000L;
    private static final String[] DISCOVERY = {
            "net group \"domain admins\" /domain", "net localgroup administrators", "net user /domain", "net accounts /domain",
            "whoami /groups", "whoami /priv", "net group \"enterprise admins\" /domain", "nltest /domain_trusts"};
    private static final String[] BENIGN = {
            "C:\\Windows\\System32\\notepad.exe C:\\Users\\{user}\\notes.txt", "C:\\Windows\\System32\\conhost.exe 0xffffffff -ForceV1",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe --type=renderer --field-trial-handle={n}",
            "C:\\Windows\\System32\\svchost.exe -k netsvcs -p", "C:\\Windows\\explorer.exe",
            "C:\\Windows\\System32\\taskhostw.exe {{n}}", "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE /recycle"};
    private static final String[] PARENTS = {
            "C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\explorer.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe"};

    private final long events, start, stepMillis;
    private final int hosts, discoveryPerMille;
    private final LongConsumer onHour;
    private final Random random;
    private long produced, nextHour = 1;
    private byte[] line = new byte[0];
    private int pos;

    /**
     * {@code events} events, {@code stepMillis} of event time apart, from {@code hosts} hosts; about
     * {@code discoveryPerMille} of each thousand process events are discovery commands.
     */
    SoakEvents(long events, long stepMillis, int hosts, int discoveryPerMille, long seed, LongConsumer onHour) {
        this.events = events;
        this.stepMillis = stepMillis;
        this.hosts = hosts;
        this.discoveryPerMille = discoveryPerMille;
        this.onHour = onHour;
        this.random = new Random(seed);
        this.start = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    }

    long produced() { return produced; }

    long eventTimeMillis() { return produced * stepMillis; }

    @Override public int read() {
        if (pos == line.length && !next()) return -1;
        return line[pos++] & 0xff;
    }

    @Override public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (pos == line.length && !next()) return -1;
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean next() {
        if (produced == events) return false;
        long offset = produced * stepMillis;
        if (offset >= nextHour * HOUR) {
            onHour.accept(nextHour);
            nextHour = offset / HOUR + 1;
        }
        line = (event(start + offset, produced) + "\n").getBytes(StandardCharsets.UTF_8);
        pos = 0;
        produced++;
        return true;
    }

    private String event(long time, long n) {
        int h = random.nextInt(hosts);
        String host = "ws" + h + ".corp.local";
        String user = "user" + (h % 23);
        int dice = random.nextInt(1000);
        if (dice < 6) return logon(time, host, user, n, dice < 2 ? 4672 : 4624);
        boolean discovery = dice < 6 + discoveryPerMille;
        boolean system = discovery && h % 11 == 0;
        String cmd = discovery ? DISCOVERY[random.nextInt(DISCOVERY.length)]
                : BENIGN[random.nextInt(BENIGN.length)].replace("{user}", user).replace("{n}", String.valueOf(random.nextInt(100_000)));
        String parent = PARENTS[discovery && h % 13 == 0 ? 3 : random.nextInt(3)];
        return process(time, host, system ? "NT AUTHORITY\\SYSTEM" : "CORP\\" + user, cmd, parent, n);
    }

    private static String process(long time, String host, String user, String cmd, String parent, long n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ProviderName", "Microsoft-Windows-Sysmon");
        o.put("EventID", 1);
        o.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        o.put("EventRecordID", String.valueOf(n + 1));
        o.put("Computer", host);
        o.put("UtcTime", UTC.format(Instant.ofEpochMilli(time)));
        o.put("ProcessId", String.valueOf(4000 + n % 30_000));
        String image = cmd.startsWith("net ") ? "C:\\Windows\\System32\\net.exe"
                : cmd.startsWith("whoami") ? "C:\\Windows\\System32\\whoami.exe"
                : cmd.startsWith("nltest") ? "C:\\Windows\\System32\\nltest.exe"
                : cmd.substring(0, cmd.toLowerCase().indexOf(".exe") + 4);
        o.put("Image", image);
        o.put("OriginalFileName", image.substring(image.lastIndexOf('\\') + 1));
        o.put("CommandLine", cmd);
        o.put("CurrentDirectory", "C:\\Windows\\system32\\");
        o.put("User", user);
        o.put("LogonId", user.startsWith("NT AUTHORITY") ? "0x3e7" : "0x3c21d");
        o.put("IntegrityLevel", "High");
        o.put("ParentProcessId", "3100");
        o.put("ParentImage", parent);
        o.put("ParentCommandLine", parent);
        return o.toString();
    }

    private static String logon(long time, String host, String user, long n, int eventId) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ProviderName", "Microsoft-Windows-Security-Auditing");
        o.put("EventID", eventId);
        o.put("Channel", "Security");
        o.put("EventRecordID", String.valueOf(n + 1));
        o.put("Computer", host);
        o.put("TimeCreated", UTC.format(Instant.ofEpochMilli(time)));
        o.put("SubjectUserSid", eventId == 4672 ? sid(user) : "S-1-5-18");
        o.put("SubjectUserName", eventId == 4672 ? user : host.split("\\.")[0].toUpperCase() + "$");
        o.put("SubjectDomainName", "CORP");
        o.put("SubjectLogonId", eventId == 4672 ? "0x3c21d" : "0x3e7");
        o.put("PrivilegeList", "SeDebugPrivilege SeBackupPrivilege");
        o.put("TargetUserSid", sid(user));
        o.put("TargetUserName", user);
        o.put("TargetDomainName", "CORP");
        o.put("TargetLogonId", "0x3c21d");
        o.put("LogonType", "10");
        o.put("LogonProcessName", "User32");
        o.put("AuthenticationPackageName", "Negotiate");
        return o.toString();
    }

    private static String sid(String user) { return "S-1-5-21-1-2-3-" + (1100 + Integer.parseInt(user.substring(4))); }
}
