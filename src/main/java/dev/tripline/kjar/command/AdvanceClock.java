package dev.tripline.kjar.command;

import org.kie.api.command.ExecutableCommand;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.KieSession;
import org.kie.api.time.SessionPseudoClock;
import org.kie.internal.command.RegistryContext;

import java.util.concurrent.TimeUnit;

/**
 * Moves the session's pseudo clock forward to {@code time} (epoch milliseconds), never back: what a replay does
 * before inserting each event, and what KIE Server's JSON format lacks ({@code advance-session-time} exists only
 * in XStream, and is relative). JSON: {@code {"dev.tripline.kjar.command.AdvanceClock":{"time":1700000000000}}}.
 * Returns the clock after the move, so a caller sees when an event came late (its time below the clock).
 */
public final class AdvanceClock implements ExecutableCommand<Long> {
    private long time;

    public AdvanceClock() {}

    public AdvanceClock(long time) { this.time = time; }

    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }

    @Override public Long execute(Context context) {
        KieSession session = ((RegistryContext) context).lookup(KieSession.class);
        SessionPseudoClock clock = session.getSessionClock();
        long now = clock.getCurrentTime();
        if (time > now) clock.advanceTime(time - now, TimeUnit.MILLISECONDS);
        return clock.getCurrentTime();
    }

    /** Drools 10 fires a stateful session after some commands; a clock move alone must not (the CLI fires after the insert). */
    public boolean autoFireAllRules() { return false; }

    @Override public String toString() { return "AdvanceClock[" + time + "]"; }
}
