package dev.tripline.pipeline;

import static dev.tripline.testing.TestFiles.copyTree;

import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import dev.tripline.output.AlertSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** tripline watch: a file that grows, a rules folder that is edited, all within seconds. */
class LiveWatchTest {
    private static final String NET_RULE = "tripline/detection/discovery/net_group_and_account_recon.drl";
    private static final DateTimeFormatter SYSMON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @TempDir Path tmp;

    @Test void followsAGrowingFileAndReloadsChangedRulesKeepingTheOldOnesWhenTheNewOnesDoNotCompile() throws Exception {
        Path rules = tmp.resolve("rules");
        copyTree(Path.of("rules-drl"), rules);
        Path input = tmp.resolve("events.jsonl");
        Files.writeString(input, "");
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        StringWriter errText = new StringWriter();
        PrintWriter err = new PrintWriter(errText, true);
        AtomicBoolean stop = new AtomicBoolean();
        LiveWatch watch = new LiveWatch(rules, input.toString(), Optional.empty(), sink(alerts), err,
                new ByteArrayInputStream(new byte[0]), 50);
        var initial = RuleCompiler.compile(RuleSource.directory(rules));
        Thread t = new Thread(() -> {
            try {
                watch.run(initial, stop::get);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        try {
            append(input, event("net group \"domain admins\" /domain", "4001"));
            awaitTrue(() -> alerts.size() == 1);
            assertThat(alerts.get(0).rule().level().label()).isEqualTo("medium");
            assertThat(alerts.get(0).events().get(0).getSource().line()).isEqualTo(1);

            Path rule = rules.resolve(NET_RULE);
            edit(rule, "@level( \"medium\" )", "@level( \"high\" )");
            awaitTrue(() -> errText.toString().contains("rules reloaded"));
            assertThat(alerts).as("the held event is replayed into the new rules but not reported again").hasSize(1);

            append(input, event("net localgroup administrators", "4002"));
            awaitTrue(() -> alerts.size() == 2);
            assertThat(alerts.get(1).rule().level().label()).isEqualTo("high");

            edit(rule, "$e : ProcessEvent(", "$e : ProcessEvent(( ");
            awaitTrue(() -> errText.toString().contains("do not compile"));
            assertThat(errText.toString()).contains(rule + ":").contains("still running the previous rules");

            append(input, event("net accounts /domain", "4003"));
            // A net.exe detection waits a few seconds for the net1.exe it may spawn; the burst it completes goes out
            // at once, so the two come in either order.
            awaitTrue(() -> alerts.size() == 4);
            List<Alert> last = List.copyOf(alerts.subList(2, 4));
            assertThat(last).filteredOn(a -> a.kind().equals("detection")).singleElement().satisfies(d -> {
                assertThat(d.rule().level().label()).as("old rules still running").isEqualTo("high");
                assertThat(d.events().get(0).getSource().line()).isEqualTo(3);
            });
            assertThat(last).filteredOn(a -> a.kind().equals("correlation")).as("three recon commands in a minute: the burst survived the reload")
                    .singleElement().satisfies(c -> assertThat(c.events()).hasSize(3));
        } finally {
            stop.set(true);
            t.join(10_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(watch.reloads()).isEqualTo(1);
        assertThat(watch.failedReloads()).isEqualTo(1);
        assertThat(watch.events()).isEqualTo(3);
    }

    @Test void readsStdinUntilItEnds() throws Exception {
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        byte[] in = (event("net group \"domain admins\" /domain", "4001") + "not json\n").getBytes(StandardCharsets.UTF_8);
        StringWriter errText = new StringWriter();
        LiveWatch watch = new LiveWatch(null, "-", Optional.empty(), sink(alerts), new PrintWriter(errText, true),
                new ByteArrayInputStream(in), 20);
        watch.run(RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl"))), () -> false);
        assertThat(alerts).hasSize(1);
        assertThat(watch.rejected()).isEqualTo(1);
        assertThat(errText.toString()).contains("-:2: rejected");
    }

    @Test void aNet1ExeThatNetExeSpawnedForTheSameCommandJoinsItsAlertAndOneTypedDirectlyInCmdDoesNot() throws Exception {
        String typed = event("net group \"domain admins\" /domain", "4001");
        String echo = event("C:\\\\Windows\\\\system32\\\\net1  group \"domain admins\" /domain", "4002")
                .replace("net.exe", "net1.exe").replace("cmd.exe\"", "net.exe\", \"ParentProcessId\": \"4001\"");
        String direct = event("net1 group \"domain admins\" /domain", "4003").replace("net.exe", "net1.exe");
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        LiveWatch watch = new LiveWatch(null, "-", Optional.empty(), sink(alerts), new PrintWriter(new StringWriter(), true),
                new ByteArrayInputStream((typed + echo + direct).getBytes(StandardCharsets.UTF_8)), 20);

        watch.run(RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl"))), () -> false);

        assertThat(alerts).filteredOn(a -> a.kind().equals("detection")).hasSize(2);
        assertThat(alerts).filteredOn(a -> a.events().size() == 2).singleElement().satisfies(a -> {
            assertThat(a.events()).extracting(e -> e.getSource().line()).containsExactly(1L, 2L);
            assertThat(a.context()).contains("net1.exe spawned by net.exe for the same command");
        });
        assertThat(alerts).filteredOn(a -> a.events().size() == 1).singleElement()
                .satisfies(a -> assertThat(a.events().get(0).getSource().line()).isEqualTo(3L));
    }

    static String event(String commandLine, String pid) {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(SYSMON_TIME);
        return ("{\"ProviderName\": \"Microsoft-Windows-Sysmon\", \"EventID\": 1, \"Channel\": \"Microsoft-Windows-Sysmon/Operational\", "
                + "\"Computer\": \"ws01.corp.local\", \"UtcTime\": \"%s\", \"ProcessId\": \"%s\", \"Image\": \"C:\\\\Windows\\\\System32\\\\net.exe\", "
                + "\"OriginalFileName\": \"net.exe\", \"CommandLine\": \"%s\", \"User\": \"CORP\\\\alice\", \"LogonId\": \"0x3c21d\", "
                + "\"ParentImage\": \"C:\\\\Windows\\\\System32\\\\cmd.exe\"}\n").formatted(now, pid, commandLine.replace("\"", "\\\""));
    }

    static AlertSink sink(List<Alert> alerts) {
        return new AlertSink() {
            @Override public void write(Alert alert) { alerts.add(alert); }
            @Override public void close() {}
        };
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** As an editor saves: write a temp file beside it, then move it over the original. */
    static void edit(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertThat(s).contains(from);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, s.replace(from, to));
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (failure.get() != null) throw new AssertionError("the watch loop failed", failure.get());
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 15 s");
            Thread.sleep(20);
        }
    }
}
