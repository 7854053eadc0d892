package dev.tripline.flink;

import dev.tripline.model.Account;
import dev.tripline.model.LogonEvent;
import dev.tripline.model.PrivilegedLogonEvent;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.ServiceInstallEvent;
import dev.tripline.model.SourceRef;
import dev.tripline.model.TimedFact;

/**
 * A normalized event as Flink moves and stores it: a plain POJO (public no-arg constructor, public fields), so
 * Flink's POJO serializer handles it on the wire and in keyed state, and state written by one job version stays
 * readable by the next (fields may be added or removed). {@link #kind} says which of the core's facts it carries:
 * a process start, or one of the events that teach context (a logon, special privileges, a service install).
 * The engine only ever sees the fact rebuilt from it ({@link #toFact()}).
 *
 * <p>Shared fields: {@code actor*} is the process's account, the logon's account, or whoever installed the
 * service; {@code image} is the process image or the service's image path.
 */
public class FlinkEvent {
    /** Which core fact the record carries. */
    public enum Kind {
        PROCESS(ProcessEvent.class), LOGON(LogonEvent.class), PRIVILEGED_LOGON(PrivilegedLogonEvent.class),
        SERVICE_INSTALL(ServiceInstallEvent.class);

        private final Class<? extends TimedFact> factClass;

        Kind(Class<? extends TimedFact> factClass) { this.factClass = factClass; }

        /** The core fact class, as the rules declare it (its {@code @expires}). */
        public Class<? extends TimedFact> factClass() { return factClass; }
    }

    /** Null in state written before kinds existed, which held process events only. */
    public Kind kind;
    public long time;
    public String host;
    public String actorDomain;
    public String actorName;
    public String actorSid;
    public String logonId;
    public String image;
    public String originalFileName;
    public String commandLine;
    public String parentImage;
    public String parentCommandLine;
    public String integrityLevel;
    public String processId;
    public String parentProcessId;
    public String currentDirectory;
    public String parentUser;
    public String hashes;
    public String company;
    public String description;
    public String product;
    public String fileVersion;
    public int logonType;
    public String sourceAddress;
    public String workstation;
    public String privileges;
    public String serviceName;
    public String serviceAccount;
    public String schema;
    public String sourceFile;
    public long sourceLine;
    /** An .evtx record's EventRecordID; null for line-based inputs (and in state written before .evtx input). */
    public Long sourceRecord;

    public FlinkEvent() {}

    /** The wire form of any fact the core's normalizers produce. */
    public static FlinkEvent of(TimedFact fact) {
        FlinkEvent f = new FlinkEvent();
        f.time = fact.getTime();
        f.sourceFile = fact.getSource().file();
        f.sourceLine = fact.getSource().line();
        f.sourceRecord = fact.getSource().hasRecord() ? fact.getSource().record() : null;
        if (fact instanceof ProcessEvent e) {
            f.process(e);
        } else if (fact instanceof LogonEvent l) {
            f.common(Kind.LOGON, l.host(), l.account(), l.logonId(), l.schema());
            f.logonType = l.logonType();
            f.sourceAddress = l.sourceAddress();
            f.workstation = l.workstation();
        } else if (fact instanceof PrivilegedLogonEvent p) {
            f.common(Kind.PRIVILEGED_LOGON, p.host(), p.account(), p.logonId(), p.schema());
            f.privileges = p.privileges();
        } else if (fact instanceof ServiceInstallEvent s) {
            f.common(Kind.SERVICE_INSTALL, s.host(), s.installedBy(), null, s.schema());
            f.serviceName = s.serviceName();
            f.image = s.imagePath();
            f.serviceAccount = s.serviceAccount();
        } else {
            throw new IllegalArgumentException("no wire form for " + fact.getClass().getSimpleName());
        }
        return f;
    }

    private void common(Kind k, String h, Account a, String logon, String shape) {
        kind = k;
        host = h;
        actor(a);
        logonId = logon;
        schema = shape;
    }

    private void process(ProcessEvent e) {
        common(Kind.PROCESS, e.getHost(), e.getActor(), e.getLogonId(), e.getSchema());
        image = e.getImage();
        originalFileName = e.getOriginalFileName();
        commandLine = e.getCommandLine();
        parentImage = e.getParentImage();
        parentCommandLine = e.getParentCommandLine();
        integrityLevel = e.getIntegrityLevel();
        processId = e.getProcessId();
        parentProcessId = e.getParentProcessId();
        currentDirectory = e.getCurrentDirectory();
        parentUser = e.getParentUser();
        hashes = e.getHashes();
        company = e.getCompany();
        description = e.getDescription();
        product = e.getProduct();
        fileVersion = e.getFileVersion();
    }

    private void actor(Account a) {
        if (a == null) return;
        actorDomain = a.getDomain();
        actorName = a.getName();
        actorSid = a.getSid();
    }

    /** Replaces each text field with an equal string from {@code strings} where it has one (see {@link SharedStrings}). */
    void share(SharedStrings strings) {
        host = strings.share(host);
        actorDomain = strings.share(actorDomain);
        actorName = strings.share(actorName);
        actorSid = strings.share(actorSid);
        logonId = strings.share(logonId);
        image = strings.share(image);
        originalFileName = strings.share(originalFileName);
        commandLine = strings.share(commandLine);
        parentImage = strings.share(parentImage);
        parentCommandLine = strings.share(parentCommandLine);
        integrityLevel = strings.share(integrityLevel);
        currentDirectory = strings.share(currentDirectory);
        parentUser = strings.share(parentUser);
        hashes = strings.share(hashes);
        company = strings.share(company);
        description = strings.share(description);
        product = strings.share(product);
        fileVersion = strings.share(fileVersion);
        sourceAddress = strings.share(sourceAddress);
        workstation = strings.share(workstation);
        privileges = strings.share(privileges);
        serviceName = strings.share(serviceName);
        serviceAccount = strings.share(serviceAccount);
        schema = strings.share(schema);
        sourceFile = strings.share(sourceFile);
    }

    public Kind kindOrProcess() { return kind == null ? Kind.PROCESS : kind; }

    /** The core fact this record carries, as the normalizer made it. */
    public TimedFact toFact() {
        SourceRef source = new SourceRef(sourceFile, sourceLine, sourceRecord == null ? SourceRef.NO_RECORD : sourceRecord);
        return switch (kindOrProcess()) {
            case PROCESS -> ProcessEvent.builder().time(time).host(host).actor(account()).logonId(logonId).image(image)
                    .originalFileName(originalFileName).commandLine(commandLine).parentImage(parentImage)
                    .parentCommandLine(parentCommandLine).integrityLevel(integrityLevel).processId(processId)
                    .parentProcessId(parentProcessId).currentDirectory(currentDirectory).parentUser(parentUser)
                    .hashes(hashes).company(company).description(description).product(product).fileVersion(fileVersion)
                    .schema(schema).source(source).build();
            case LOGON -> new LogonEvent(time, host, account(), logonType, logonId, sourceAddress, workstation, schema, source);
            case PRIVILEGED_LOGON -> new PrivilegedLogonEvent(time, host, account(), logonId, privileges, schema, source);
            case SERVICE_INSTALL -> new ServiceInstallEvent(time, host, serviceName, image, serviceAccount,
                    actorName == null && actorSid == null && actorDomain == null ? null : account(), schema, source);
        };
    }

    private Account account() { return new Account(actorDomain, actorName, actorSid); }

    /** Same source and time: the same event read twice (a replayed input, a fact both retained and kept as a teacher). */
    public boolean sameEventAs(FlinkEvent o) {
        return time == o.time && sourceLine == o.sourceLine && java.util.Objects.equals(sourceFile, o.sourceFile);
    }

    @Override public String toString() {
        return "FlinkEvent[" + kindOrProcess() + " " + sourceFile + ":" + sourceLine + " " + host + " " + time + "]";
    }
}
