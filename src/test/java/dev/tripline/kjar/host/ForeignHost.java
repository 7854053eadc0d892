package dev.tripline.kjar.host;

import org.kie.api.KieServices;
import org.kie.api.builder.KieScanner;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.Results;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A foreign KIE host: an application that embeds Drools and kie-ci of its own version and knows Tripline only by
 * the KJAR's Maven coordinates. This class is loaded by {@code KieHosts} into a class loader holding that
 * version's jars and nothing of Tripline (the fact model must come from the KJAR), so it uses only kie-api calls
 * that Drools 7, 8 and 10 share, and speaks to the test in JDK types: events go in as maps of the event's
 * properties, alerts come out as one line each.
 */
public final class ForeignHost {
    private static final KieServices KS = KieServices.Factory.get();

    private ForeignHost() {}

    /**
     * Points kie-ci at a Maven settings file (its local repository holds the KJAR), as a host's administrator
     * would with {@code -Dkie.maven.settings.custom}. kie-ci also builds a default repository from the pom.xml in
     * the working directory, which a host would not have (here it is Tripline's own): build it from an empty
     * project instead, where this version of kie-ci has that hook ({@code MavenRepository.defaultMavenRepository},
     * in org.kie.maven.integration from 8.x on, org.appformer.maven.integration in 7.x).
     */
    public static String useMavenSettings(String settingsFile) throws Exception {
        System.setProperty("kie.maven.settings.custom", settingsFile);
        ClassLoader cl = ForeignHost.class.getClassLoader();
        for (String name : List.of("org.kie.maven.integration.MavenRepository", "org.appformer.maven.integration.MavenRepository")) {
            Class<?> repository;
            try {
                repository = Class.forName(name, true, cl);
            } catch (ClassNotFoundException e) {
                continue;
            }
            Class<?> projectClass = Class.forName("org.apache.maven.project.MavenProject", true, cl);
            Object project = projectClass.getConstructor().newInstance();
            projectClass.getMethod("setRemoteArtifactRepositories", List.class).invoke(project, new ArrayList<>());
            projectClass.getMethod("setPluginArtifactRepositories", List.class).invoke(project, new ArrayList<>());
            Object empty = repository.getMethod("getMavenRepository", projectClass).invoke(null, project);
            repository.getField("defaultMavenRepository").set(null, empty);
            return name;
        }
        return "none";
    }

    /**
     * One container from the coordinates; per scenario a new session, every event through one batch (per event:
     * advance the pseudo clock, insert, fire), and the alerts the findings make.
     */
    public static List<List<String>> alerts(String group, String artifact, String version, List<List<Map<String, Object>>> scenarios) throws Exception {
        KieContainer container = container(group, artifact, version);
        try {
            List<List<String>> out = new ArrayList<>();
            for (List<Map<String, Object>> events : scenarios) out.add(alerts(container, events));
            return out;
        } finally {
            container.dispose();
        }
    }

    /** What the KJAR's kmodule.xml declares: the kbase's event mode and each session's clock, as name=value lines. */
    public static List<String> sessions(String group, String artifact, String version) {
        KieContainer container = container(group, artifact, version);
        try {
            List<String> out = new ArrayList<>();
            out.add("tripline=" + container.getKieBaseModel("tripline").getEventProcessingMode().getMode());
            for (String name : List.of("tripline-replay", "tripline-live")) {
                out.add(name + "=" + container.getKieSessionModel(name).getClockType().getClockType());
                container.newKieSession(name).dispose(); // each session can be made
            }
            return out;
        } finally {
            container.dispose();
        }
    }

    /**
     * A long-running session on {@code version}: the first event, then the container moves to {@code upgrade}
     * and the second event. Returns the update's messages, the container's version after it, and the levels of
     * the session's detections before and after.
     */
    public static List<String> upgrade(String group, String artifact, String version, String upgrade, List<Map<String, Object>> events) throws Exception {
        KieContainer container = container(group, artifact, version);
        KieSession session = container.newKieSession("tripline-replay");
        try {
            List<Object> facts = facts(events, container.getClassLoader());
            long clock = insertAndFire(session, facts.get(0), 0);
            String before = levels(session).toString();
            Results results = container.updateToVersion(KS.newReleaseId(group, artifact, upgrade));
            insertAndFire(session, facts.get(1), clock);
            return List.of("messages=" + results.getMessages(), "version=" + container.getReleaseId().getVersion(),
                    "before=" + before, "after=" + levels(session));
        } finally {
            session.dispose();
            container.dispose();
        }
    }

    /**
     * A container on a version range, and a KieScanner on it: the first event in a session before the scan, the
     * same event in a new session after it. {@code installNewer} puts a newer version in the repository between
     * the two. Returns the container's version and the detection levels, before and after.
     */
    public static List<String> scan(String group, String artifact, String range, List<Map<String, Object>> events, Runnable installNewer) throws Exception {
        KieContainer container = container(group, artifact, range);
        KieScanner scanner = KS.newKieScanner(container);
        try {
            List<String> out = new ArrayList<>();
            out.add("version=" + container.getReleaseId().getVersion());
            out.add("levels=" + levelsOfFirstEvent(container, events));
            installNewer.run();
            scanner.scanNow();
            out.add("version=" + container.getReleaseId().getVersion());
            out.add("levels=" + levelsOfFirstEvent(container, events));
            return out;
        } finally {
            scanner.shutdown();
            container.dispose();
        }
    }

    private static List<String> levelsOfFirstEvent(KieContainer container, List<Map<String, Object>> events) throws Exception {
        KieSession session = container.newKieSession("tripline-replay");
        try {
            insertAndFire(session, facts(events, container.getClassLoader()).get(0), 0);
            return levels(session);
        } finally {
            session.dispose();
        }
    }

    private static KieContainer container(String group, String artifact, String version) {
        ReleaseId id = KS.newReleaseId(group, artifact, version);
        return KS.newKieContainer(id, ForeignHost.class.getClassLoader());
    }

    /**
     * As a streaming host takes findings: after each firing, the findings that firing made, with the escalations
     * present then (findings leave working memory minutes later, as the KJAR's @expires says; an escalation that
     * comes after its finding's firing is too late for its alert, as in Tripline's collector).
     */
    private static List<String> alerts(KieContainer container, List<Map<String, Object>> events) throws Exception {
        KieCommands cmd = KS.getCommands();
        ClassLoader cl = container.getClassLoader();
        List<Command<?>> batch = new ArrayList<>();
        long clock = 0;
        int step = 0;
        for (Object e : facts(events, cl)) {
            long t = (long) call(e, "getTime");
            if (t > clock) batch.add(cmd.newAdvanceSessionTime(t - clock, TimeUnit.MILLISECONDS));
            clock = Math.max(clock, t);
            batch.add(cmd.newInsert(e));
            batch.add(cmd.newFireAllRules());
            batch.add(cmd.newGetObjects(new ClassObjectFilter(cl.loadClass("dev.tripline.model.Finding")), "findings" + step));
            batch.add(cmd.newGetObjects(new ClassObjectFilter(cl.loadClass("dev.tripline.model.Escalation")), "escalations" + step));
            step++;
        }
        KieSession session = container.newKieSession("tripline-replay");
        try {
            ExecutionResults out = session.execute(cmd.newBatchExecution(batch));
            Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            List<String> all = new ArrayList<>();
            for (int i = 0; i < step; i++) {
                List<Object> made = new ArrayList<>();
                for (Object f : (Collection<?>) out.getValue("findings" + i)) if (seen.add(f)) made.add(f);
                all.addAll(summaries(made, (Collection<?>) out.getValue("escalations" + i)));
            }
            all.sort(null);
            return all;
        } finally {
            session.dispose();
        }
    }

    private static long insertAndFire(KieSession session, Object event, long clock) throws Exception {
        KieCommands cmd = KS.getCommands();
        long t = (long) call(event, "getTime");
        List<Command<?>> batch = new ArrayList<>();
        if (t > clock) batch.add(cmd.newAdvanceSessionTime(t - clock, TimeUnit.MILLISECONDS));
        batch.add(cmd.newInsert(event));
        batch.add(cmd.newFireAllRules());
        session.execute(cmd.newBatchExecution(batch));
        return Math.max(t, clock);
    }

    private static List<String> levels(KieSession session) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object f : session.getObjects(o -> o.getClass().getSimpleName().equals("Detection"))) out.add(call(f, "getLevel").toString());
        out.sort(null);
        return out;
    }

    /**
     * What Tripline's FindingCollector makes of the findings, done with the host's objects: severity is the
     * highest of the rule's level and the escalations, reasons listed lowest first. One line per finding:
     * kind | rule id | severity | host | user | reasons | source lines.
     */
    private static List<String> summaries(Collection<?> findings, Collection<?> escalations) throws Exception {
        Map<Object, List<Object>> byFinding = new IdentityHashMap<>();
        for (Object e : escalations) byFinding.computeIfAbsent(call(e, "getFinding"), k -> new ArrayList<>()).add(e);
        List<String> out = new ArrayList<>();
        for (Object f : findings) {
            Enum<?> severity = (Enum<?>) call(f, "getLevel");
            List<Object> raised = new ArrayList<>(byFinding.getOrDefault(f, List.of()));
            raised.sort(Comparator.comparing((Object e) -> ((Enum<?>) unchecked(e, "getSeverity")).ordinal())
                    .thenComparing(e -> (String) unchecked(e, "getReason")));
            LinkedHashSet<String> reasons = new LinkedHashSet<>();
            for (Object e : raised) {
                Enum<?> s = (Enum<?>) call(e, "getSeverity");
                if (s.ordinal() > severity.ordinal()) severity = s;
                reasons.add(s.name().toLowerCase() + ": " + call(e, "getReason"));
            }
            Object actor = call(f, "getActor");
            List<Long> lines = new ArrayList<>();
            for (Object ev : (List<?>) call(f, "getEvents")) lines.add((Long) call(call(ev, "getSource"), "line"));
            out.add(String.join(" | ", (String) call(f, "kind"), (String) call(f, "getRuleId"), severity.name().toLowerCase(),
                    String.valueOf(call(f, "getHost")), (Boolean) call(actor, "isKnown") ? (String) call(actor, "display") : "null",
                    reasons.toString(), lines.toString()));
        }
        out.sort(null);
        return out;
    }

    /**
     * The events as the KJAR's own ProcessEvent class, through its builder: each map holds builder-method name →
     * value, where an account is a list [domain, name, sid] and a source a list [file, line].
     */
    private static List<Object> facts(List<Map<String, Object>> events, ClassLoader kjar) throws Exception {
        Class<?> eventClass = kjar.loadClass("dev.tripline.model.ProcessEvent");
        Class<?> accountClass = kjar.loadClass("dev.tripline.model.Account");
        Class<?> sourceClass = kjar.loadClass("dev.tripline.model.SourceRef");
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            Object b = eventClass.getMethod("builder").invoke(null);
            for (Method m : b.getClass().getMethods()) {
                if (m.getParameterCount() != 1 || m.getDeclaringClass() != b.getClass() || !e.containsKey(m.getName())) continue;
                Object v = e.get(m.getName());
                if (m.getParameterTypes()[0] == accountClass) {
                    List<?> a = (List<?>) v;
                    v = accountClass.getConstructor(String.class, String.class, String.class).newInstance(a.get(0), a.get(1), a.get(2));
                } else if (m.getParameterTypes()[0] == sourceClass) {
                    List<?> s = (List<?>) v;
                    v = sourceClass.getConstructor(String.class, long.class).newInstance(s.get(0), s.get(1));
                }
                m.invoke(b, v);
            }
            out.add(b.getClass().getMethod("build").invoke(b));
        }
        return out;
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static Object unchecked(Object target, String method) {
        try {
            return call(target, method);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
