package dev.tripline.ingest;

import static dev.tripline.ingest.ShapeSamples.fact;
import static dev.tripline.ingest.ShapeSamples.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.model.Account;
import dev.tripline.model.LogonEvent;
import dev.tripline.model.PrivilegedLogonEvent;
import dev.tripline.model.ServiceInstallEvent;
import dev.tripline.model.SourceRef;
import org.junit.jupiter.api.Test;

/**
 * Logons (4624), privileged logons (4672) and service installs (4697, System 7045), one realistic record per
 * layout, and every field of the fact each becomes.
 */
class ContextEventNormalizationTest {
    private static final String CORP = "S-1-5-21-1387203482-2957264255-828990924-";

    private static SourceRef at(String sample) { return new SourceRef(sample, 1); }

    // --- 4624 -------------------------------------------------------------------------------------------

    @Test
    void networkLogonFromNxlogIsTheTargetAccountFromItsSourceAddress() {
        LogonEvent e = fact("security-4624-nxlog-network", EventShape.SECURITY_4624, LogonEvent.class);

        assertThat(e).isEqualTo(new LogonEvent(millis("2023-10-05T09:42:17.514Z"), "FS01.corp.example",
                new Account("CORP", "alice", CORP + "1109"), 3, "0x1a2b3c4", "10.1.2.3", "WKS-17",
                "security-4624", at("security-4624-nxlog-network")));
        assertThat(e.getAccount().display()).isEqualTo("CORP\\alice");
        assertThat(e.describe()).isEqualTo("a network logon (type 3) from 10.1.2.3");
    }

    @Test
    void rdpLogonFromAnEvtxDumpReadsTheNumericLogonTypeAndNotTheSubject() {
        LogonEvent e = fact("security-4624-evtx-rdp", EventShape.SECURITY_4624, LogonEvent.class);

        assertThat(e).isEqualTo(new LogonEvent(millis("2024-01-18T22:07:41.336Z"), "SRV-APP-07.corp.example",
                new Account("CORP", "bob.admin", CORP + "1150"), 10, "0x8f3a21", "192.168.40.15", "SRV-APP-07",
                "security-4624", at("security-4624-evtx-rdp")));
        assertThat(e.getAccount().getName()).isEqualTo("bob.admin"); // not SRV-APP-07$, the Subject
        assertThat(e.describe()).isEqualTo("an RDP session (type 10) from 192.168.40.15");
    }

    @Test
    void serviceLogonBySystemFromWinlogbeatHasNoAddressOrWorkstation() {
        LogonEvent e = fact("security-4624-winlog-service", EventShape.SECURITY_4624, LogonEvent.class);

        assertThat(e).isEqualTo(new LogonEvent(millis("2023-06-02T04:00:12.118Z"), "SQL02.corp.example",
                new Account("NT AUTHORITY", "SYSTEM", "S-1-5-18"), 5, "0x3e7", null, null,
                "security-4624", at("security-4624-winlog-service")));
        assertThat(e.getAccount().display()).isEqualTo("NT AUTHORITY\\SYSTEM");
        assertThat(e.describe()).isEqualTo("a service logon (type 5)");
    }

    @Test
    void unlockFromSentinelReadsTheColumnsBesideAnXmlEventDataAndKeepsLoopback() {
        LogonEvent e = fact("security-4624-sentinel", EventShape.SECURITY_4624, LogonEvent.class);

        assertThat(e).isEqualTo(new LogonEvent(millis("2024-03-11T07:58:03.907Z"), "WKS-09.corp.example",
                new Account("CORP", "carol", CORP + "1214"), 7, "0x6e2b07", "127.0.0.1", "WKS-09",
                "security-4624", at("security-4624-sentinel")));
    }

    @Test
    void sentinelRowWithOnlyTheTargetAccountColumnSplitsIt() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("security-4624-sentinel");
        r.remove(java.util.List.of("TargetUserName", "TargetDomainName"));

        LogonEvent e = (LogonEvent) ((Outcome.Accepted) ShapeSamples.outcome(r)).fact();

        assertThat(e.getAccount()).isEqualTo(new Account("CORP", "carol", CORP + "1214"));
    }

    @Test
    void sourceAddressIsKeptAsWrittenExceptDash() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("security-4624-nxlog-network");
        r.put("IpAddress", "::1");
        assertThat(((LogonEvent) ((Outcome.Accepted) ShapeSamples.outcome(r)).fact()).getSourceAddress()).isEqualTo("::1");

        r.put("IpAddress", "-");
        r.put("WorkstationName", "-");
        LogonEvent e = (LogonEvent) ((Outcome.Accepted) ShapeSamples.outcome(r)).fact();
        assertThat(e.getSourceAddress()).isNull();
        assertThat(e.getWorkstation()).isNull();
        assertThat(e.describe()).isEqualTo("a network logon (type 3)");
    }

    @Test
    void aLogonWithoutLogonTypeOrLogonIdOrTimeIsRejectedSayingWhich() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("security-4624-nxlog-network");
        r.put("LogonType", "Network");
        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("unparseable logon type: LogonType 'Network'"));

        r.remove("LogonType");
        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("missing logon type"));

        r = (ObjectNode) ShapeSamples.load("security-4624-nxlog-network");
        r.put("TargetLogonId", "0x0");
        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("missing logon id: TargetLogonId"));

        r = (ObjectNode) ShapeSamples.load("security-4624-nxlog-network");
        r.remove(java.util.List.of("@timestamp", "EventTime"));
        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("missing time"));
    }

    // --- 4672 -------------------------------------------------------------------------------------------

    @Test
    void privilegedLogonFromNxlogIsTheSubjectSessionWithItsPrivilegesOnOneLine() {
        PrivilegedLogonEvent e = fact("security-4672-nxlog", EventShape.SECURITY_4672, PrivilegedLogonEvent.class);

        assertThat(e).isEqualTo(new PrivilegedLogonEvent(millis("2023-10-05T09:40:02.871Z"), "DC01.corp.example",
                new Account("CORP", "Administrator", CORP + "500"), "0x4b1e9d",
                "SeSecurityPrivilege SeBackupPrivilege SeRestorePrivilege SeTakeOwnershipPrivilege SeDebugPrivilege "
                        + "SeSystemEnvironmentPrivilege SeLoadDriverPrivilege SeImpersonatePrivilege "
                        + "SeDelegateSessionUserImpersonatePrivilege SeEnableDelegationPrivilege",
                "security-4672", at("security-4672-nxlog")));
    }

    @Test
    void privilegedLogonFromAnEvtxDataListJoinsTheRdpSessionByLogonId() {
        PrivilegedLogonEvent e = fact("security-4672-evtx", EventShape.SECURITY_4672, PrivilegedLogonEvent.class);
        LogonEvent rdp = fact("security-4624-evtx-rdp", EventShape.SECURITY_4624, LogonEvent.class);

        assertThat(e).isEqualTo(new PrivilegedLogonEvent(millis("2024-01-18T22:07:41.336Z"), "SRV-APP-07.corp.example",
                new Account("CORP", "bob.admin", CORP + "1150"), "0x8f3a21",
                "SeSecurityPrivilege SeBackupPrivilege SeRestorePrivilege SeTakeOwnershipPrivilege SeDebugPrivilege "
                        + "SeSystemEnvironmentPrivilege SeLoadDriverPrivilege SeImpersonatePrivilege "
                        + "SeDelegateSessionUserImpersonatePrivilege",
                "security-4672", at("security-4672-evtx")));
        assertThat(e.getHostKey()).isEqualTo(rdp.getHostKey());
        assertThat(e.getLogonId()).isEqualTo(rdp.getLogonId());
    }

    @Test
    void aPrivilegedLogonWithoutLogonIdIsRejected() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("security-4672-nxlog");
        r.put("SubjectLogonId", "-");

        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("missing logon id: SubjectLogonId"));
    }

    // --- 4697 -------------------------------------------------------------------------------------------

    @Test
    void serviceInstallFromAnEvtxDumpRunsAsLocalSystemInstalledByTheSubject() {
        ServiceInstallEvent e = fact("security-4697-evtx", EventShape.SECURITY_4697, ServiceInstallEvent.class);

        assertThat(e).isEqualTo(new ServiceInstallEvent(millis("2024-01-18T22:15:09.004Z"), "SRV-APP-07.corp.example",
                "PSEXESVC", "%SystemRoot%\\PSEXESVC.exe", "LocalSystem", new Account("CORP", "bob.admin", CORP + "1150"),
                "security-4697", at("security-4697-evtx")));
    }

    @Test
    void serviceInstallFromSentinelNamesTheServiceAccount() {
        ServiceInstallEvent e = fact("security-4697-sentinel", EventShape.SECURITY_4697, ServiceInstallEvent.class);

        assertThat(e).isEqualTo(new ServiceInstallEvent(millis("2024-02-20T13:31:47.560Z"), "APP03.corp.example",
                "ContosoAppSvc", "\"C:\\Program Files\\Contoso\\AppSvc\\appsvc.exe\" -service", "CORP\\svc_app",
                new Account("CORP", "deploy.adm", CORP + "1377"), "security-4697", at("security-4697-sentinel")));
    }

    // --- 7045 -------------------------------------------------------------------------------------------

    @Test
    void systemServiceInstallFromAnEvtxDumpIsInstalledByTheRecordsUserSid() {
        ServiceInstallEvent e = fact("system-7045-evtx", EventShape.SYSTEM_7045, ServiceInstallEvent.class);

        assertThat(e).isEqualTo(new ServiceInstallEvent(millis("2024-02-20T13:31:47.552Z"), "APP03.corp.example",
                "ContosoAppSvc", "\"C:\\Program Files\\Contoso\\AppSvc\\appsvc.exe\" -service", "CORP\\svc_app",
                new Account(null, null, CORP + "1377"), "system-7045", at("system-7045-evtx")));
    }

    @Test
    void systemServiceInstallFromNxlogTakesAccountNameAsTheServiceAccount() {
        ServiceInstallEvent e = fact("system-7045-nxlog", EventShape.SYSTEM_7045, ServiceInstallEvent.class);

        assertThat(e).isEqualTo(new ServiceInstallEvent(millis("2023-10-05T09:44:51.230Z"), "FS01.corp.example",
                "PSEXESVC", "%SystemRoot%\\PSEXESVC.exe", "LocalSystem", new Account(null, null, CORP + "1109"),
                "system-7045", at("system-7045-nxlog")));
    }

    @Test
    void systemServiceInstallFromWinlogbeatIsInstalledByTheNamedRecordUser() {
        ServiceInstallEvent e = fact("system-7045-winlog", EventShape.SYSTEM_7045, ServiceInstallEvent.class);

        assertThat(e).isEqualTo(new ServiceInstallEvent(millis("2023-11-28T16:20:33.771Z"), "WKS-22.corp.example",
                "RemoteLogCollector", "C:\\ProgramData\\rlc\\rlc.exe --listen 0.0.0.0:8443", "NT AUTHORITY\\LocalService",
                new Account("CORP", "bob.admin", CORP + "1150"), "system-7045", at("system-7045-winlog")));
    }

    @Test
    void driverInstallFromAzureWindowsEventHasNoAccountAndAnUnknownInstaller() {
        ServiceInstallEvent e = fact("system-7045-azure", EventShape.SYSTEM_7045, ServiceInstallEvent.class);

        assertThat(e).isEqualTo(new ServiceInstallEvent(millis("2024-04-02T10:05:19.348Z"), "WORKSTATION5",
                "WinRing0_1_2_0", "\\??\\C:\\Users\\dave\\AppData\\Local\\Temp\\WinRing0x64.sys", null,
                Account.unknown(), "system-7045", at("system-7045-azure")));
        assertThat(e.getInstalledBy().isKnown()).isFalse();
    }

    @Test
    void aServiceInstallWithoutServiceNameOrTimeIsRejected() {
        ObjectNode r = (ObjectNode) ShapeSamples.load("system-7045-nxlog");
        r.remove("ServiceName");
        assertThat(ShapeSamples.outcome(r)).isEqualTo(Outcome.rejected("missing service name"));

        ObjectNode s = (ObjectNode) ShapeSamples.load("security-4697-sentinel");
        s.remove("TimeGenerated");
        assertThat(ShapeSamples.outcome(s)).isEqualTo(Outcome.rejected("missing time"));

        s = (ObjectNode) ShapeSamples.load("security-4697-sentinel");
        s.put("TimeGenerated", "20/02/2024 13:31");
        assertThat(ShapeSamples.outcome(s)).isEqualTo(Outcome.rejected("unparseable time: TimeGenerated '20/02/2024 13:31'"));
    }

    // --- a mixed log through the reader -------------------------------------------------------------------

    @Test
    void aMixedLogBecomesProcessLogonAndServiceFactsAndSkipsWhatTriplineDoesNotUse() throws Exception {
        String file = java.nio.file.Path.of(getClass().getResource("/shapes/mixed-security-system.jsonl").toURI()).toString();
        RecordingListener out = new RecordingListener();

        Ingest.read(java.util.List.of(file), java.util.Optional.empty(), IngestOptions.defaults(), out);

        assertThat(out.closed).containsEntry(file, 10L);
        assertThat(out.rejected).isEmpty();
        assertThat(out.factsByType()).containsOnly(entry("ProcessEvent", 2), entry("LogonEvent", 2),
                entry("PrivilegedLogonEvent", 1), entry("ServiceInstallEvent", 3));
        assertThat(out.facts).extracting(f -> f.getSource().line()).containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 9L, 10L);
        assertThat(out.facts).extracting(f -> f.getClass().getSimpleName()).containsExactly("ProcessEvent", "LogonEvent",
                "PrivilegedLogonEvent", "ProcessEvent", "ServiceInstallEvent", "ServiceInstallEvent", "ServiceInstallEvent",
                "LogonEvent");
        assertThat(out.events).extracting(e -> e.getSchema()).containsExactly("sysmon", "security-4688");
        assertThat(out.skipped).containsExactly(
                new RecordingListener.Skip(new SourceRef(file, 5), "not an event Tripline uses (Security 4625)"),
                new RecordingListener.Skip(new SourceRef(file, 8), "not an event Tripline uses (System 7036)"));
    }

    @Test
    void aForcedLogonSchemaReadsOnlyTheLogonsOfAMixedLog() throws Exception {
        String file = java.nio.file.Path.of(getClass().getResource("/shapes/mixed-security-system.jsonl").toURI()).toString();
        RecordingListener out = new RecordingListener();

        Ingest.read(java.util.List.of(file), java.util.Optional.of(EventShape.SECURITY_4624), IngestOptions.defaults(), out);

        assertThat(out.facts).hasSize(2).allSatisfy(f -> assertThat(f).isInstanceOf(LogonEvent.class));
        assertThat(out.rejected).isEmpty();
        assertThat(out.skipped).extracting(RecordingListener.Skip::reason).containsExactly(
                "not the forced shape security-4624 (a sysmon record)", "not the forced shape security-4624 (a security-4672 record)",
                "not the forced shape security-4624 (a security-4688 record)", "not an event Tripline uses (Security 4625)",
                "not the forced shape security-4624 (a security-4697 record)", "not the forced shape security-4624 (a system-7045 record)",
                "not an event Tripline uses (System 7036)", "not the forced shape security-4624 (a system-7045 record)");
    }
}
