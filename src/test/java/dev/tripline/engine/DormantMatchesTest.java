package dev.tripline.engine;

import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory is bounded by the rules' windows, however long the replay: a day and a half of event time through the
 * bundled rules, with account discovery firing the single-pattern detection rules all along. After the longest
 * lifetime (12 h) the session's facts and Drools' parked matches must stop growing.
 *
 * <p>Drools 10.1.0 kept every fired match of a single-pattern rule (an alpha terminal node) in
 * {@code RuleExecutor.dormantMatches} after its fact expired, with the fact and its strings (upstream issue
 * 6361, fixed in 10.2.0): there the parked matches grow by one per firing and this test fails.
 */
class DormantMatchesTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Duration SETTLED = Duration.ofHours(12), END = Duration.ofHours(36);
    private static final String[] DISCOVERY = {
            "net group \"domain admins\" /domain", "net localgroup administrators", "net user /domain",
            "whoami /groups", "net accounts /domain"};
    private static final String[] BENIGN = {
            "C:\\Windows\\System32\\notepad.exe C:\\Users\\alice\\notes.txt", "C:\\Windows\\System32\\svchost.exe -k netsvcs -p",
            "C:\\Windows\\explorer.exe"};

    static CompiledRules rules;

    @BeforeAll static void compileBundledRules() throws Exception {
        rules = RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl")));
    }

    @Test void factsAndParkedMatchesStayBoundedOverADayAndAHalfOfEventTime() {
        Random random = new Random(16);
        long start = java.time.Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
        long alertsAfterSettled = 0;
        Snapshot settled = null;
        try (CorrelationSession session = CorrelationSession.replay(rules)) {
            for (long t = 0, n = 0; t <= END.toMillis(); t += STEP.toMillis(), n++) {
                int host = random.nextInt(40);
                boolean discovery = random.nextInt(100) < 30;
                String cmd = discovery ? DISCOVERY[random.nextInt(DISCOVERY.length)] : BENIGN[random.nextInt(BENIGN.length)];
                var alerts = session.accept(event(start + t, host, cmd, n));
                if (settled != null) alertsAfterSettled += alerts.stream().mapToLong(Alert::count).sum();
                if (settled == null && t >= SETTLED.toMillis()) settled = Snapshot.of(session);
            }
            Snapshot end = Snapshot.of(session);
            System.out.printf("after %s: %s; after %s: %s; findings fired in between: %d%n", SETTLED, settled, END, end, alertsAfterSettled);

            long parkedSlack = settled.parkedMatches / 5 + 50;
            assertThat(alertsAfterSettled).as("the rules fired all along, enough for one kept match per firing to break the bound")
                    .isGreaterThan(3 * parkedSlack);
            assertThat(end.facts).as("facts after %s vs after %s", END, SETTLED).isLessThanOrEqualTo(settled.facts + settled.facts / 5 + 50);
            assertThat(end.parkedMatches).as("Drools' parked (dormant) matches after %s vs after %s", END, SETTLED)
                    .isLessThanOrEqualTo(settled.parkedMatches + parkedSlack);
        }
    }

    static ProcessEvent event(long time, int host, String commandLine, long n) {
        String image = commandLine.startsWith("net ") ? "C:\\Windows\\System32\\net.exe"
                : commandLine.startsWith("whoami") ? "C:\\Windows\\System32\\whoami.exe"
                : commandLine.substring(0, commandLine.indexOf(".exe") + 4);
        return ProcessEvent.builder()
                .time(time)
                .host("ws" + host + ".corp.local")
                .actor(new Account("CORP", "user" + host % 7, "S-1-5-21-1-2-3-" + (1100 + host % 7)))
                .logonId("0x3c21d")
                .image(image)
                .originalFileName(image.substring(image.lastIndexOf('\\') + 1))
                .commandLine(commandLine)
                .parentImage("C:\\Windows\\System32\\cmd.exe")
                .schema("test")
                .source(new SourceRef("synthetic", n + 1))
                .build();
    }

    /** The session's fact count and the matches Drools keeps parked for rules that already fired. */
    record Snapshot(long facts, long parkedMatches) {
        static Snapshot of(CorrelationSession s) { return new Snapshot(s.factCount(), dormantMatches(s.kieSession())); }

        @Override public String toString() { return facts + " facts, " + parkedMatches + " dormant matches"; }
    }

    /**
     * The sum over every rule of {@code RuleExecutor.getDormantMatches().size()}, read by reflection (Drools
     * internals, public in 10.1 and 10.2): node memories → path memories → agenda item → rule executor.
     */
    static long dormantMatches(KieSession session) {
        return dormantMatches(session, false);
    }

    /** As {@link #dormantMatches(KieSession)}, counting only the matches whose fact was deleted from the session. */
    static long dormantMatchesOfDeletedFacts(KieSession session) {
        return dormantMatches(session, true);
    }

    private static long dormantMatches(KieSession session, boolean onlyOfDeletedFacts) {
        try {
            Object memories = call(session, "getNodeMemories");
            int length = (int) call(memories, "length");
            Method peek = memories.getClass().getMethod("peekNodeMemory", int.class);
            long total = 0;
            for (int i = 0; i < length; i++) {
                Object memory = peek.invoke(memories, i);
                if (memory == null || !memory.getClass().getSimpleName().endsWith("PathMemory")) continue;
                Object item = call(memory, "getRuleAgendaItem");
                if (item == null) continue;
                Object dormant = call(call(item, "getRuleExecutor"), "getDormantMatches");
                if (!onlyOfDeletedFacts) {
                    total += (int) call(dormant, "size");
                    continue;
                }
                for (Object match = call(dormant, "getFirst"); match != null; match = call(match, "getNext")) {
                    if (!(boolean) call(call(match, "getFactHandle"), "isValid")) total++;
                }
            }
            return total;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Drools version keeps its rule executors elsewhere", e);
        }
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(name);
        m.setAccessible(true);
        return m.invoke(target);
    }
}
