package dev.tripline.kjar.command;

import org.kie.api.command.ExecutableCommand;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.KieSession;
import org.kie.internal.command.RegistryContext;

/**
 * {@code fire-all-rules}, then the findings that firing produced become alerts, as Tripline's engine makes them
 * after each firing (severity raised by that firing's escalations), held in the session until {@link TakeAlerts}.
 * The first one in a session attaches the {@link AlertCollector}. Returns how many rules fired.
 * JSON: {@code {"dev.tripline.kjar.command.FireAndCollect":{}}}.
 */
public final class FireAndCollect implements ExecutableCommand<Integer> {
    public FireAndCollect() {}

    @Override public Integer execute(Context context) {
        KieSession session = ((RegistryContext) context).lookup(KieSession.class);
        AlertCollector collector = AlertCollector.of(session);
        int fired = session.fireAllRules();
        collector.seal(session.getSessionClock().getCurrentTime());
        return fired;
    }

    public boolean autoFireAllRules() { return false; }

    @Override public String toString() { return "FireAndCollect"; }
}
