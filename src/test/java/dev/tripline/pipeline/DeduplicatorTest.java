package dev.tripline.pipeline;

import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.RuleInfo;
import dev.tripline.model.Severity;
import dev.tripline.model.SourceRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding repeats holds at most {@link Deduplicator#MAX_OPEN} folds: past it the eldest is written early. */
class DeduplicatorTest {
    private static final long HOUR = 3_600_000L;
    private static final RuleInfo RULE = new RuleInfo("recon", "d95de845-b83c-4a9a-8a6a-4fc802ebf6c0", "Recon", Severity.MEDIUM, List.of(), List.of());

    @Test void repeatsFoldIntoOneAlert() {
        List<Alert> out = new ArrayList<>();
        Deduplicator dedup = new Deduplicator(HOUR, out::add);
        for (int i = 0; i < 3; i++) dedup.accept(alert(1_000 + i, "alice"), 1_000 + i);
        dedup.flush();

        assertThat(out).singleElement().satisfies(a -> assertThat(a.count()).isEqualTo(3));
        assertThat(dedup.closedEarly()).isZero();
    }

    @Test void manyDistinctDetectionsKeepAtMostTheCapOpenAndWriteTheEldestEarly() {
        List<Alert> out = new ArrayList<>();
        Deduplicator dedup = new Deduplicator(HOUR, out::add);
        int n = Deduplicator.MAX_OPEN + 5;
        for (int i = 0; i < n; i++) dedup.accept(alert(1_000 + i, "user" + i), 1_000 + i);

        assertThat(out).as("written before their hour is up").hasSize(5)
                .extracting(a -> a.user().getName()).containsExactly("user0", "user1", "user2", "user3", "user4");
        assertThat(dedup.closedEarly()).isEqualTo(5);

        dedup.accept(alert(2_000 + n, "user0"), 2_000 + n); // a repeat of a fold written early starts a new one
        dedup.flush();
        assertThat(out).hasSize(n + 1).allSatisfy(a -> assertThat(a.count()).isEqualTo(1));
    }

    private static Alert alert(long time, String user) {
        Account who = new Account("CORP", user, null);
        ProcessEvent e = ProcessEvent.builder().time(time).host("ws01.corp.local").actor(who)
                .image("C:\\Windows\\System32\\net.exe").originalFileName("net.exe").commandLine("net localgroup administrators")
                .parentImage("C:\\Windows\\System32\\cmd.exe").schema("test").source(new SourceRef("test", time)).build();
        return new Alert("detection", RULE, Severity.MEDIUM, time, "ws01.corp.local", who, List.of(), List.of(), List.of(e), null, 1, time, time);
    }
}
