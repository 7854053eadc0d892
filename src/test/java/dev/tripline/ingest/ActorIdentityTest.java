package dev.tripline.ingest;

import static dev.tripline.ingest.ShapeSamples.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import org.junit.jupiter.api.Test;

/** Who ran the process: never the log agent, and for 4688 the new process's account, not its creator's. */
class ActorIdentityTest {

    @Test
    void a4688WithTargetRunsAsTheTargetNotTheCreatingSubject() {
        ProcessEvent e = normalize("security-4688-winlogbeat6", EventShape.SECURITY_4688);

        assertThat(e.getActor()).isEqualTo(new Account("SHIRE", "pgustavo", "S-1-5-21-2511471446-1103646877-3980648787-1107"));
        assertThat(e.getLogonId()).isEqualTo("0x3c21d");
        assertThat(e.getParentUser()).isEqualTo("SHIRE\\IT001$");
    }

    @Test
    void a4688WithEmptyTargetRunsAsTheSubject() {
        ProcessEvent e = normalize("security-4688-winlog", EventShape.SECURITY_4688);

        assertThat(e.getActor().getName()).isEqualTo("Administrator");
        assertThat(e.getActor().getSid()).isEqualTo("S-1-5-21-1387203482-2957264255-828990924-500");
        assertThat(e.getLogonId()).isEqualTo("0x2c6a1f");
    }

    @Test
    void a4688FromAMachineAccountWithoutTargetIsLocalSystemKeptAsReported() {
        ProcessEvent e = normalize("security-4688-evtx-flattened-system", EventShape.SECURITY_4688);

        assertThat(e.getActor()).isEqualTo(new Account("OFFSEC", "FS03$", "S-1-5-18"));
        assertThat(e.getLogonId()).isEqualTo("0x3e7");
    }

    @Test
    void a4688TargetWithNameButNullSidKeepsTheNameAndLeavesTheSidUnknown() {
        ProcessEvent e = normalize("security-4688-null-sid-target", EventShape.SECURITY_4688);

        assertThat(e.getActor()).isEqualTo(new Account("PEDRO01", "IT01-Pedro", null));
        assertThat(e.getLogonId()).isEqualTo("0x3673c");
    }

    @Test
    void sentinelDashAccountsAreAbsentSoTheSubjectRuns() {
        ProcessEvent e = normalize("security-4688-sentinel", EventShape.SECURITY_4688);

        assertThat(e.getActor()).isEqualTo(new Account("NT AUTHORITY", "LOCAL SERVICE", "S-1-5-19"));
        assertThat(e.getLogonId()).isEqualTo("0x3e5");
    }

    @Test
    void nxlogAgentAccountIsNotTheSysmonActor() {
        // The record's AccountName/Domain/UserID say NT AUTHORITY\SYSTEM (S-1-5-18): the Sysmon service.
        ProcessEvent e = normalize("sysmon", EventShape.SYSMON_FLAT);

        assertThat(e.getActor()).isEqualTo(new Account("NT AUTHORITY", "NETWORK SERVICE", null));
    }

    @Test
    void winlogbeat6AgentUserIsNotTheSysmonActor() {
        // user{} is NT AUTHORITY\SYSTEM, the agent; the process ran as SHIRE\pgustavo.
        ProcessEvent e = normalize("sysmon-winlogbeat6", EventShape.SYSMON_FLAT);

        assertThat(e.getActor()).isEqualTo(new Account("SHIRE", "pgustavo", null));
    }

    @Test
    void winlogbeatAgentUserIsNotTheSysmonActor() {
        // winlog.user is NT AUTHORITY\SYSTEM with SID S-1-5-18.
        ProcessEvent e = normalize("winlogbeat", EventShape.WINLOGBEAT_SYSMON);

        assertThat(e.getActor().getSid()).isNull();
        assertThat(e.getActor().display()).isEqualTo("CONTOSO\\j.doe");
    }

    @Test
    void evtxSystemSecurityUserIdIsNotTheSysmonActorsSid() {
        ProcessEvent e = normalize("sysmon-evtx", EventShape.SYSMON_EVTX_JSON);

        assertThat(e.getActor().getSid()).isNull();
        assertThat(e.getActor().getName()).isEqualTo("xodih");
    }
}
