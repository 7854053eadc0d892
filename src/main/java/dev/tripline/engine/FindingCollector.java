package dev.tripline.engine;

import dev.tripline.model.Alert;
import dev.tripline.model.AwaitsEcho;
import dev.tripline.model.ContextNote;
import dev.tripline.model.Suppression;
import dev.tripline.model.Escalation;
import dev.tripline.model.Finding;
import dev.tripline.model.LongLivedContext;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.TypedCommandEcho;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the session for findings and escalations while rules fire, and after each firing turns every new
 * finding into an alert: severity is the highest of the rule's level and its escalations, reasons list each
 * escalation, lowest first.
 *
 * <p>A finding the rules say {@link AwaitsEcho awaits an echo} is held open until the session clock has passed
 * its window (counted from when it was made), so that a {@link TypedCommandEcho} arriving meanwhile joins it: the
 * echo's events are cited in the typed command's alert, with the echo's reason in its context, and the echo
 * raises no alert of its own. An echo whose typed command has already been written stands alone, as before.
 * Nothing else is held between firings, so memory is what the open windows hold, not the batch.
 */
public final class FindingCollector implements RuleRuntimeEventListener {
    /** An alert and the escalations that raised it (for clients that want them apart from the reasons). */
    public record Assembled(Alert alert, List<Escalation> raisedBy) {}

    /** A finding not yet written: what the rules said about it so far. */
    private static final class Pending {
        final Finding finding;
        final List<Escalation> escalations = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<Pending> echoes = new ArrayList<>();
        String suppression;
        long holdMillis = -1;      // >= 0: awaits an echo for this long
        long releaseAt = Long.MIN_VALUE;
        boolean echo;              // joins another finding's alert

        Pending(Finding finding) { this.finding = finding; }
    }

    private final Map<Finding, Pending> pending = new LinkedHashMap<>();
    private final List<TypedCommandEcho> echoes = new ArrayList<>();
    private long longLivedContext;

    @Override public void objectInserted(ObjectInsertedEvent event) {
        Object o = event.getObject();
        if (o instanceof Finding f) pending.putIfAbsent(f, new Pending(f));
        else if (o instanceof Escalation e) with(e.getFinding(), p -> p.escalations.add(e));
        else if (o instanceof ContextNote n) with(n.getFinding(), p -> p.notes.add(n.getText()));
        else if (o instanceof Suppression s) with(s.getFinding(), p -> p.suppression = p.suppression == null || s.getReason().compareTo(p.suppression) < 0 ? s.getReason() : p.suppression);
        else if (o instanceof AwaitsEcho a) with(a.getFinding(), p -> p.holdMillis = Math.max(p.holdMillis, a.getWindowMillis()));
        else if (o instanceof TypedCommandEcho t) echoes.add(t);
        if (o instanceof LongLivedContext) longLivedContext++;
    }

    private void with(Finding f, java.util.function.Consumer<Pending> update) {
        Pending p = pending.get(f);
        if (p != null) update.accept(p); // about a finding already written: too late to change its alert
    }

    /** How many {@link LongLivedContext} facts the rules have inserted so far (never decreases). */
    long longLivedContext() { return longLivedContext; }

    @Override public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override public void objectDeleted(ObjectDeletedEvent event) {}

    /** Alerts due at session time {@code clock}: detections first, then correlations. */
    List<Alert> drain(long clock) {
        return drainAssembled(clock).stream().map(Assembled::alert).toList();
    }

    /** Every alert still held, whatever its window (the end of the input). */
    List<Alert> drainAll() {
        return drainAssembled(Long.MAX_VALUE).stream().map(Assembled::alert).toList();
    }

    /** Findings held open for an echo. */
    int held() { return pending.size(); }

    /** The earliest session time at which a held finding is released; {@code Long.MAX_VALUE} when none is held. */
    long heldUntil() {
        long until = Long.MAX_VALUE;
        for (Pending p : pending.values()) if (p.releaseAt != Long.MIN_VALUE) until = Math.min(until, p.releaseAt);
        return until;
    }

    /**
     * As {@link #drain}, each alert with the escalations that raised it: the findings inserted since the last call
     * and those held open whose window has passed by {@code clock} (the session clock after the firing;
     * {@code Long.MAX_VALUE} releases everything). Public and shipped in the KJAR: the KIE Server commands
     * (dev.tripline.kjar.command.AlertCollector) assemble alerts with this same class.
     */
    public List<Assembled> drainAssembled(long clock) {
        for (TypedCommandEcho t : echoes) {
            Pending echo = pending.get(t.getEcho());
            Pending typed = pending.get(t.getTyped());
            if (echo == null || typed == null || echo == typed || echo.echo || typed.echo) continue; // typed already written: the echo stands alone
            echo.echo = true;
            typed.echoes.add(echo);
            typed.notes.add(t.getReason());
        }
        echoes.clear();
        if (pending.isEmpty()) return List.of();
        List<Pending> due = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.holdMillis >= 0 && p.releaseAt == Long.MIN_VALUE) {
                // The window counts from when the finding was made: the session clock of this firing (its own time
                // when it is late), or its own time at the end of the input.
                long made = clock == Long.MAX_VALUE ? p.finding.getTime() : Math.max(clock, p.finding.getTime());
                p.releaseAt = saturatedAdd(made, p.holdMillis);
            }
            if (p.echo) {
                it.remove(); // written with its typed command
            } else if (p.holdMillis < 0 || p.releaseAt <= clock) {
                due.add(p);
                it.remove();
            }
        }
        due.sort(Comparator.comparing(p -> p.finding.kind().equals("detection") ? 0 : 1));
        List<Assembled> alerts = new ArrayList<>(due.size());
        for (Pending p : due) alerts.add(assemble(p));
        return alerts;
    }

    private static Assembled assemble(Pending p) {
        if (p.echoes.isEmpty()) {
            return new Assembled(alertFor(p.finding, p.escalations, p.notes, p.suppression), List.copyOf(p.escalations));
        }
        List<Escalation> raised = new ArrayList<>(p.escalations);
        List<String> notes = new ArrayList<>(p.notes);
        List<ProcessEvent> events = new ArrayList<>(p.finding.getEvents());
        for (Pending e : p.echoes) {
            raised.addAll(e.escalations);
            notes.addAll(e.notes);
            for (ProcessEvent ev : e.finding.getEvents()) if (events.stream().noneMatch(x -> x == ev)) events.add(ev);
        }
        events.sort(Comparator.comparingLong(ProcessEvent::getTime)); // stable: the typed command first at equal times
        Alert a = alertFor(p.finding, raised, notes, p.suppression);
        return new Assembled(a.merged(a.severity(), a.reasons(), a.context(), events, a.count(), a.firstSeen(), a.lastSeen()), raised);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    static Alert alertFor(Finding f, List<Escalation> raisedBy, List<String> context, String suppressedBecause) {
        return Alert.of(f, raisedBy, context, suppressedBecause);
    }
}
