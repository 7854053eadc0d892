package dev.tripline.kjar.command;

import org.kie.api.command.ExecutableCommand;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.KieSession;
import org.kie.internal.command.RegistryContext;

import java.lang.reflect.Method;
import java.util.ArrayList;

/**
 * The alerts sealed by {@link FireAndCollect} since the last take, in the order they were made, as plain beans
 * ({@link RemoteAlert}); under {@code outIdentifier} in the batch's results.
 * JSON: {@code {"dev.tripline.kjar.command.TakeAlerts":{"outIdentifier":"alerts"}}}.
 */
public final class TakeAlerts implements ExecutableCommand<ArrayList<RemoteAlert>> {
    private String outIdentifier = "alerts";

    public TakeAlerts() {}

    public TakeAlerts(String outIdentifier) { this.outIdentifier = outIdentifier; }

    public String getOutIdentifier() { return outIdentifier; }
    public void setOutIdentifier(String outIdentifier) { this.outIdentifier = outIdentifier; }

    @Override public ArrayList<RemoteAlert> execute(Context context) {
        RegistryContext registry = (RegistryContext) context;
        ArrayList<RemoteAlert> alerts = AlertCollector.of(registry.lookup(KieSession.class)).take();
        if (outIdentifier != null) setResult(registry, outIdentifier, alerts);
        return alerts;
    }

    public boolean autoFireAllRules() { return false; }

    /**
     * Puts a value into the batch's results as Drools' own commands do. Drools 10 registers the results under
     * {@link ExecutionResults}; Drools 7 under its implementation class, whose {@code setResult} is not on the
     * interface there. Reflection covers both without linking to either's internals.
     */
    static void setResult(RegistryContext registry, String id, Object value) {
        Object results = registry.lookup(ExecutionResults.class);
        if (results == null) {
            try {
                Class<?> impl = Class.forName("org.drools.core.runtime.impl.ExecutionResultImpl", false, KieSession.class.getClassLoader());
                results = registry.lookup(impl);
            } catch (ClassNotFoundException notDrools7) {
                // fall through: no results holder known
            }
        }
        if (results == null) throw new IllegalStateException("this Drools version keeps no batch results where Tripline looks for them");
        try {
            Method set = results.getClass().getMethod("setResult", String.class, Object.class);
            set.invoke(results, id, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set the batch result " + id + " on " + results.getClass().getName(), e);
        }
    }

    @Override public String toString() { return "TakeAlerts[" + outIdentifier + "]"; }
}
