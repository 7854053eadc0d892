package dev.tripline.kie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.engine.CorrelationSession;
import dev.tripline.engine.ReplaySession;
import dev.tripline.kie.KieServerException.Problem;
import dev.tripline.kjar.command.AdvanceClock;
import dev.tripline.kjar.command.FireAndCollect;
import dev.tripline.kjar.command.RemoteAlert;
import dev.tripline.kjar.command.TakeAlerts;
import dev.tripline.model.Account;
import dev.tripline.model.Alert;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay session that lives in a KIE Server container (the KJAR's {@code tripline-replay} session): the same
 * steps as {@link CorrelationSession} — pseudo clock to the fact's time (never back), insert, fire — sent as KIE
 * batch commands, {@code batchSize} facts per request. The alerts come back with the number of the firing that
 * made them, so the run folds and writes them exactly as a local run would. The run owns the container's session:
 * it is reset when the first batch goes out and disposed at {@link #finish()}.
 */
public final class RemoteReplaySession implements ReplaySession {
    /** The KJAR's pseudo-clock session (kmodule.xml). */
    public static final String SESSION = "tripline-replay";
    static final String ALERTS = "alerts";

    private final KieServerClient client;
    private final String containerId;
    private final int batchSize;
    private ArrayNode commands = KieServerClient.MAPPER.createArrayNode();
    private final List<Long> pendingClocks = new ArrayList<>(); // the clock after each firing not yet answered
    private long firstPending = 1;                               // the number of the first of those firings
    private long clock;
    private boolean started, disposed;
    private long factsInserted, lateFacts, requests;

    public RemoteReplaySession(KieServerClient client, String containerId, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1");
        this.client = client;
        this.containerId = containerId;
        this.batchSize = batchSize;
    }

    @Override public List<Firing> accept(TimedFact fact) {
        if (!started) {
            reset();
            clock = fact.getTime(); // the pseudo clock jumps to the first fact, as locally
            started = true;
        } else if (fact.getTime() > clock) {
            clock = fact.getTime();
        } else if (fact.getTime() < clock) {
            lateFacts++;
        }
        commands.add(command(AdvanceClock.class, props().put("time", fact.getTime())));
        commands.addObject().putObject("insert").set("object", wrapped(fact));
        commands.add(command(FireAndCollect.class, props()));
        pendingClocks.add(clock);
        factsInserted++;
        return pendingClocks.size() >= batchSize ? send(false) : List.of();
    }

    @Override public List<Firing> finish() {
        if (!started || disposed) return List.of(new Firing(List.of(), clock));
        clock += CorrelationSession.FLUSH_HORIZON.toMillis();
        commands.add(command(AdvanceClock.class, props().put("time", clock)));
        commands.add(command(FireAndCollect.class, props()));
        pendingClocks.add(Long.MIN_VALUE);
        return send(true);
    }

    @Override public long clockMillis() { return clock; }
    @Override public long factsInserted() { return factsInserted; }
    @Override public long lateFacts() { return lateFacts; }
    /** REST calls made so far (the reset included). */
    public long requests() { return requests; }

    /** Disposes the server's session if the run ended early (an error); a finished session is already gone. */
    @Override public void close() {
        if (!started || disposed) return;
        disposed = true;
        try {
            client.execute(containerId, batch(KieServerClient.MAPPER.createArrayNode().add(dispose())));
        } catch (KieServerException alreadyFailing) {
            // the run is ending on an earlier error, which is the one to report
        }
    }

    /** A fresh server-side session for this run: whatever an earlier, interrupted run left there goes. */
    private void reset() {
        requests++;
        client.execute(containerId, batch(KieServerClient.MAPPER.createArrayNode().add(dispose())));
    }

    private List<Firing> send(boolean last) {
        commands.add(command(TakeAlerts.class, props().put("outIdentifier", ALERTS)));
        if (last) commands.add(dispose());
        ArrayNode sending = commands;
        commands = KieServerClient.MAPPER.createArrayNode();
        requests++;
        if (last) disposed = true;
        List<RemoteAlert> alerts = KieServerClient.alerts(client.execute(containerId, batch(sending)), ALERTS);

        Map<Long, List<Alert>> byFiring = new LinkedHashMap<>();
        long lastFiring = firstPending + pendingClocks.size() - 1;
        for (RemoteAlert a : alerts) {
            if (a.getFiring() < firstPending || a.getFiring() > lastFiring) {
                throw new KieServerException(Problem.SERVER_ERROR, "container " + containerId + " returned an alert of firing "
                        + a.getFiring() + ", expected " + firstPending + ".." + lastFiring
                        + ": another client is using its " + SESSION + " session at the same time");
            }
            byFiring.computeIfAbsent(a.getFiring(), k -> new ArrayList<>()).add(a.toAlert());
        }
        List<Firing> out = new ArrayList<>(pendingClocks.size());
        for (int i = 0; i < pendingClocks.size(); i++) {
            out.add(new Firing(byFiring.getOrDefault(firstPending + i, List.of()), pendingClocks.get(i)));
        }
        firstPending += pendingClocks.size();
        pendingClocks.clear();
        return out;
    }

    private ObjectNode batch(ArrayNode cmds) {
        ObjectNode b = KieServerClient.MAPPER.createObjectNode();
        b.put("lookup", SESSION);
        b.set("commands", cmds);
        return b;
    }

    private static ObjectNode dispose() {
        ObjectNode d = KieServerClient.MAPPER.createObjectNode();
        d.putObject("dispose");
        return d;
    }

    /** {@code {"fq.Class":{…}}}: how KIE Server's JSON format names a command class from the KJAR. */
    private static ObjectNode command(Class<?> type, ObjectNode properties) {
        ObjectNode o = KieServerClient.MAPPER.createObjectNode();
        o.set(type.getName(), properties);
        return o;
    }

    private static ObjectNode props() { return KieServerClient.MAPPER.createObjectNode(); }

    /** A fact as KIE Server's JSON marshaller builds it: {@code {"fq.Class":{constructor properties}}}. */
    static ObjectNode wrapped(Object fact) {
        ObjectNode o = KieServerClient.MAPPER.createObjectNode();
        o.set(fact.getClass().getName(), json(fact));
        return o;
    }

    /**
     * The properties the model's constructors take: {@link ProcessEvent} and {@link Account} by their
     * {@code @ConstructorProperties}, records by their components, {@link SourceRef} as file and line.
     */
    static JsonNode json(Object v) {
        if (v == null) return KieServerClient.MAPPER.nullNode();
        if (v instanceof ProcessEvent e) {
            ObjectNode o = KieServerClient.MAPPER.createObjectNode();
            o.put("time", e.getTime());
            o.put("host", e.getHost());
            o.set("actor", json(e.getActor()));
            o.put("logonId", e.getLogonId());
            o.put("image", e.getImage());
            o.put("originalFileName", e.getOriginalFileName());
            o.put("commandLine", e.getCommandLine());
            o.put("parentImage", e.getParentImage());
            o.put("parentCommandLine", e.getParentCommandLine());
            o.put("integrityLevel", e.getIntegrityLevel());
            o.put("processId", e.getProcessId());
            o.put("parentProcessId", e.getParentProcessId());
            o.put("currentDirectory", e.getCurrentDirectory());
            o.put("parentUser", e.getParentUser());
            o.put("hashes", e.getHashes());
            o.put("company", e.getCompany());
            o.put("description", e.getDescription());
            o.put("product", e.getProduct());
            o.put("fileVersion", e.getFileVersion());
            o.put("schema", e.getSchema());
            o.set("source", json(e.getSource()));
            return o;
        }
        if (v instanceof Account a) {
            ObjectNode o = KieServerClient.MAPPER.createObjectNode();
            o.put("domain", a.getDomain());
            o.put("name", a.getName());
            o.put("sid", a.getSid());
            return o;
        }
        if (v instanceof Record r) {
            ObjectNode o = KieServerClient.MAPPER.createObjectNode();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    o.set(c.getName(), json(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c + " of " + r.getClass().getName(), e);
                }
            }
            return o;
        }
        return KieServerClient.MAPPER.valueToTree(v);
    }
}
