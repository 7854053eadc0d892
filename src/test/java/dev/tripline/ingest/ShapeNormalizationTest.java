package dev.tripline.ingest;

import static dev.tripline.ingest.ShapeSamples.millis;
import static dev.tripline.ingest.ShapeSamples.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import org.junit.jupiter.api.Test;

/** One realistic record per shape and layout, and what each becomes. */
class ShapeNormalizationTest {

    @Test
    void sysmonFromNxlogTakesUtcTimeAndTheEventsHostNotTheCollector() {
        ProcessEvent e = normalize("sysmon", EventShape.SYSMON_FLAT);

        assertThat(e.getSchema()).isEqualTo("sysmon");
        assertThat(e.getTime()).isEqualTo(millis("2020-06-10T02:51:04.728Z"));
        assertThat(e.getHost()).isEqualTo("MORDORDC.mordor.local");
        assertThat(e.getImage()).isEqualTo("C:\\Windows\\System32\\sppsvc.exe");
        assertThat(e.getCommandLine()).isEqualTo("C:\\windows\\system32\\sppsvc.exe");
        assertThat(e.getParentImage()).isEqualTo("C:\\Windows\\System32\\services.exe");
        assertThat(e.getProcessId()).isEqualTo("2008");
        assertThat(e.getParentProcessId()).isEqualTo("696");
        assertThat(e.getOriginalFileName()).isEqualTo("sppsvc.exe");
        assertThat(e.getIntegrityLevel()).isEqualTo("System");
        assertThat(e.getLogonId()).isEqualTo("0x3e4");
        assertThat(e.getHashes()).startsWith("SHA1=C89B1460802DDA1C7F90526D52E37845E0C20873,");
        assertThat(e.getCompany()).isEqualTo("Microsoft Corporation");
        assertThat(e.getFileVersion()).isEqualTo("10.0.17763.1217 (WinBuild.160101.0800)");
    }

    @Test
    void sysmonFlattenedFromEvtxPrefersUtcTimeOverTimeCreatedAndTrimsLogonIdZeros() {
        ProcessEvent e = normalize("sysmon-evtx-flattened", EventShape.SYSMON_FLAT);

        assertThat(e.getTime()).isEqualTo(millis("2021-02-01T11:13:11.180Z"));
        assertThat(e.getHost()).isEqualTo("fs02.offsec.lan");
        assertThat(e.getActor()).isEqualTo(new Account("OFFSEC", "admmig", null));
        assertThat(e.getLogonId()).isEqualTo("0x161c887");
        assertThat(e.getCommandLine()).isEqualTo("setspn  -T offsec -Q */*");
        assertThat(e.getCurrentDirectory()).isEqualTo("C:\\Users\\admmig\\");
    }

    @Test
    void sysmonFromWinlogbeat6UsesComputerNameNotTheCollectorsHostName() {
        ProcessEvent e = normalize("sysmon-winlogbeat6", EventShape.SYSMON_FLAT);

        assertThat(e.getHost()).isEqualTo("IT001.shire.com");
        assertThat(e.getTime()).isEqualTo(millis("2019-04-03T17:36:48.627Z"));
        assertThat(e.getCommandLine()).isEqualTo("taskhostw.exe Install $(Arg0)");
    }

    @Test
    void sysmonFromAzureParsesTheEventDataStringAndItsSevenDigitUtcTime() {
        ProcessEvent e = normalize("sysmon-azure", EventShape.SYSMON_FLAT);

        assertThat(e.getHost()).isEqualTo("WORKSTATION5");
        assertThat(e.getTime()).isEqualTo(millis("2022-05-13T08:54:08.420Z"));
        assertThat(e.getImage()).isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(e.getCommandLine()).startsWith("powershell.exe -NonI -W Hidden -NoP -Exec Bypass -Enc ");
        assertThat(e.getActor()).isEqualTo(new Account("NT AUTHORITY", "LOCAL SERVICE", null));
        assertThat(e.getOriginalFileName()).isEqualTo("PowerShell.EXE");
    }

    @Test
    void sysmonAsEvtxDumpsWriteItReadsEventDataNumbersAsText() {
        ProcessEvent e = normalize("sysmon-evtx", EventShape.SYSMON_EVTX_JSON);

        assertThat(e.getSchema()).isEqualTo("sysmon-evtx");
        assertThat(e.getTime()).isEqualTo(millis("2025-12-11T06:17:19.636Z"));
        assertThat(e.getHost()).isEqualTo("swachchhanda");
        assertThat(e.getProcessId()).isEqualTo("6400");
        assertThat(e.getParentProcessId()).isEqualTo("3476");
        assertThat(e.getCommandLine()).isEqualTo("curl.exe  -H \"User-Agent: EvilAgent\" http://example.com");
        assertThat(e.getActor()).isEqualTo(new Account("swachchhanda", "xodih", null));
        assertThat(e.getParentUser()).isEqualTo("swachchhanda\\xodih");
        assertThat(e.getParentCommandLine()).isEqualTo("\"C:\\WINDOWS\\system32\\cmd.exe\"");
    }

    @Test
    void winlogbeatSysmonReadsEventDataAndTheComputerName() {
        ProcessEvent e = normalize("winlogbeat", EventShape.WINLOGBEAT_SYSMON);

        assertThat(e.getSchema()).isEqualTo("winlogbeat");
        assertThat(e.getHost()).isEqualTo("WS-0142.contoso.local");
        assertThat(e.getTime()).isEqualTo(millis("2023-03-14T09:26:53.611Z"));
        assertThat(e.getActor()).isEqualTo(new Account("CONTOSO", "j.doe", null));
        assertThat(e.getLogonId()).isEqualTo("0xa3c5f");
        assertThat(e.getImage()).isEqualTo("C:\\Windows\\System32\\whoami.exe");
        assertThat(e.getCommandLine()).isEqualTo("whoami  /all");
        assertThat(e.getParentProcessId()).isEqualTo("5840");
    }

    @Test
    void winlogbeatFallsBackToEcsFieldsWhenEventDataLacksThem() {
        var record = (com.fasterxml.jackson.databind.node.ObjectNode) ShapeSamples.load("winlogbeat");
        var data = (com.fasterxml.jackson.databind.node.ObjectNode) record.path("winlog").path("event_data");
        data.remove("Image");
        data.remove("CommandLine");
        data.remove("User");

        ProcessEvent e = (ProcessEvent) ((Outcome.Accepted) ShapeSamples.outcome(record)).fact();

        assertThat(e.getImage()).isEqualTo("C:\\Windows\\System32\\whoami.exe");
        assertThat(e.getCommandLine()).isEqualTo("whoami  /all");
        assertThat(e.getActor()).isEqualTo(new Account("CONTOSO", "j.doe", null));
    }

    @Test
    void security4688FromNxlogMapsHexIdsMandatoryLabelAndTheTargetAccount() {
        ProcessEvent e = normalize("security-4688", EventShape.SECURITY_4688);

        assertThat(e.getSchema()).isEqualTo("security-4688");
        assertThat(e.getHost()).isEqualTo("WORKSTATION5.mordor.local");
        // @timestamp (UTC) wins over NXLog's collector-local EventTime.
        assertThat(e.getTime()).isEqualTo(millis("2020-07-22T03:28:27.283Z"));
        assertThat(e.getImage()).isEqualTo("C:\\Windows\\System32\\backgroundTaskHost.exe");
        assertThat(e.getParentImage()).isEqualTo("C:\\Windows\\System32\\svchost.exe");
        assertThat(e.getProcessId()).isEqualTo("8404");
        assertThat(e.getParentProcessId()).isEqualTo("920");
        assertThat(e.getIntegrityLevel()).isEqualTo("Low");
        assertThat(e.getActor()).isEqualTo(new Account("MORDOR", "pgustavo", "S-1-5-21-2253742117-2054739524-205962475-1104"));
        assertThat(e.getLogonId()).isEqualTo("0x2457aa3");
        assertThat(e.getParentUser()).isEqualTo("MORDOR\\WORKSTATION5$");
    }

    @Test
    void security4688InWinlogNestingIsReadFromEventData() {
        ProcessEvent e = normalize("security-4688-winlog", EventShape.SECURITY_4688);

        assertThat(e.getHost()).isEqualTo("DC01.corp.example");
        assertThat(e.getTime()).isEqualTo(millis("2023-09-12T07:15:02.381Z"));
        assertThat(e.getImage()).isEqualTo("C:\\Windows\\System32\\ntdsutil.exe");
        assertThat(e.getProcessId()).isEqualTo("1264");
        assertThat(e.getIntegrityLevel()).isEqualTo("High");
        assertThat(e.getActor()).isEqualTo(new Account("CORP", "Administrator", "S-1-5-21-1387203482-2957264255-828990924-500"));
    }

    @Test
    void security4688InEvtxNestingReadsEventIdTextAndSystemTime() {
        ProcessEvent e = normalize("security-4688-evtx", EventShape.SECURITY_4688);

        assertThat(e.getHost()).isEqualTo("WKS-22.lab.local");
        assertThat(e.getTime()).isEqualTo(millis("2022-11-08T16:41:09.902Z"));
        assertThat(e.getActor()).isEqualTo(new Account("LAB", "alice", "S-1-5-21-2155420114-3340293715-1270133851-1105"));
        assertThat(e.getParentImage()).isEqualTo("C:\\Windows\\explorer.exe");
        assertThat(e.getIntegrityLevel()).isEqualTo("Medium");
    }

    @Test
    void security4688FromSentinelUsesTimeGeneratedAndComputer() {
        ProcessEvent e = normalize("security-4688-sentinel", EventShape.SECURITY_4688);

        assertThat(e.getHost()).isEqualTo("WORKSTATION5");
        assertThat(e.getTime()).isEqualTo(millis("2022-05-13T08:54:08.420Z"));
        assertThat(e.getImage()).endsWith("\\powershell.exe");
        assertThat(e.getParentImage()).endsWith("\\tomcat9.exe");
        assertThat(e.getIntegrityLevel()).isEqualTo("System");
    }

    @Test
    void defenderJoinsHashesAndConvertsTheDecimalLogonId() {
        ProcessEvent e = normalize("defender", EventShape.DEFENDER_PROCESS);

        assertThat(e.getSchema()).isEqualTo("defender");
        assertThat(e.getTime()).isEqualTo(millis("2024-02-06T14:03:27.441Z"));
        assertThat(e.getHost()).isEqualTo("ws-0331.contoso.com");
        assertThat(e.getImage()).isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        assertThat(e.getOriginalFileName()).isEqualTo("RUNDLL32.EXE");
        assertThat(e.getCommandLine()).startsWith("rundll32.exe C:\\Users\\m.ruiz\\");
        assertThat(e.getActor()).isEqualTo(new Account("contoso", "m.ruiz", "S-1-5-21-1004336348-1177238915-682003330-4412"));
        assertThat(e.getLogonId()).isEqualTo("0x8719a1");
        assertThat(e.getProcessId()).isEqualTo("9184");
        assertThat(e.getParentProcessId()).isEqualTo("6120");
        assertThat(e.getParentImage()).isEqualTo("c:\\program files\\microsoft office\\root\\office16\\winword.exe");
        assertThat(e.getParentUser()).isEqualTo("contoso\\m.ruiz");
        assertThat(e.getIntegrityLevel()).isEqualTo("Medium");
        assertThat(e.getHashes()).isEqualTo("SHA1=b97761358338e640a31eef5e5d9e5aa98f4d1d63,MD5=ef3179d498793bf4234f708d3be28633,"
                + "SHA256=5ad3c37e6f2b9db3ee8b5aeedc474645de90c66e3d95f8620c48102f1eba4124");
        assertThat(e.getDescription()).isEqualTo("Windows host process (Rundll32)");
        assertThat(e.getFileVersion()).isEqualTo("10.0.19041.3636");
    }

    @Test
    void defenderFolderPathWithoutTheFileNameGetsItAppended() {
        assertThat(DefenderProcessNormalizer.fullPath("C:\\Windows\\System32", "cmd.exe")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(DefenderProcessNormalizer.fullPath("C:\\Windows\\System32\\", "cmd.exe")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(DefenderProcessNormalizer.fullPath("C:\\Windows\\System32\\CMD.EXE", "cmd.exe")).isEqualTo("C:\\Windows\\System32\\CMD.EXE");
        assertThat(DefenderProcessNormalizer.fullPath(null, "cmd.exe")).isEqualTo("cmd.exe");
    }

    @Test
    void ecsReadsDottedAndNestedKeysAndJoinsArgsWithQuotes() {
        ProcessEvent e = normalize("ecs", EventShape.ECS_PROCESS);

        assertThat(e.getSchema()).isEqualTo("ecs");
        assertThat(e.getTime()).isEqualTo(millis("2024-05-21T18:44:09.117Z"));
        assertThat(e.getHost()).isEqualTo("SRV-APP-07");
        assertThat(e.getImage()).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(e.getCommandLine()).isEqualTo("C:\\Windows\\system32\\cmd.exe /c \"net group \\\"Domain Admins\\\" /domain\"");
        assertThat(e.getParentImage()).isEqualTo("C:\\Program Files\\Veeam\\Backup\\Veeam.Backup.Service.exe");
        assertThat(e.getParentProcessId()).isEqualTo("2280");
        assertThat(e.getProcessId()).isEqualTo("4412");
        assertThat(e.getActor()).isEqualTo(new Account("CORP", "svc_backup", "S-1-5-21-3623811015-3361044348-30300820-1013"));
        assertThat(e.getOriginalFileName()).isEqualTo("Cmd.Exe");
        assertThat(e.getHashes()).isEqualTo("MD5=911d039e71583a07320b32bde22f8e22,SHA256=bc866cfcdda37e24dc2634dc282c7a0e6f55209da17a8fa105b07414c0e7c527");
        assertThat(e.getCurrentDirectory()).isEqualTo("C:\\Windows\\system32\\");
    }
}
