package dev.tripline.kjar.command;

import org.kie.api.command.ExecutableCommand;
import org.kie.api.runtime.Context;
import org.kie.api.runtime.KieSession;
import org.kie.internal.command.RegistryContext;

/**
 * Inserts one process event given as a {@link RemoteEvent} bean, built into the immutable
 * {@link dev.tripline.model.ProcessEvent} through its constructor (folded fields computed there). For marshallers
 * that can only fill beans: KIE Server's XStream needs a no-argument constructor and cannot set a record's fields.
 * (Its JSON marshaller can also {@code insert} a {@code ProcessEvent} directly.)
 * XStream: {@code <dev.tripline.kjar.command.InsertEvent><event><time>…</time>…</event></dev.tripline.kjar.command.InsertEvent>}.
 */
public final class InsertEvent implements ExecutableCommand<Void> {
    private RemoteEvent event;

    public InsertEvent() {}

    public InsertEvent(RemoteEvent event) { this.event = event; }

    public RemoteEvent getEvent() { return event; }
    public void setEvent(RemoteEvent event) { this.event = event; }

    @Override public Void execute(Context context) {
        if (event == null) throw new IllegalArgumentException("InsertEvent without an event");
        ((RegistryContext) context).lookup(KieSession.class).insert(event.toProcessEvent());
        return null;
    }

    public boolean autoFireAllRules() { return false; }

    @Override public String toString() { return "InsertEvent[" + (event == null ? null : event.getSourceFile() + ":" + event.getSourceLine()) + "]"; }
}
