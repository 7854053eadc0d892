package dev.tripline.flink;

import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;

/**
 * A normalized process event as Flink moves and stores it: a plain POJO (public no-arg constructor, public
 * fields), so Flink's POJO serializer handles it on the wire and in keyed state, and state written by one
 * job version stays readable by the next (fields may be added or removed). It mirrors {@link ProcessEvent}
 * field for field; the engine only ever sees the {@link ProcessEvent} rebuilt from it.
 */
public class FlinkEvent {
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
    public String schema;
    public String sourceFile;
    public long sourceLine;

    public FlinkEvent() {}

    public static FlinkEvent of(ProcessEvent e) {
        FlinkEvent f = new FlinkEvent();
        f.time = e.getTime();
        f.host = e.getHost();
        f.actorDomain = e.getActor().getDomain();
        f.actorName = e.getActor().getName();
        f.actorSid = e.getActor().getSid();
        f.logonId = e.getLogonId();
        f.image = e.getImage();
        f.originalFileName = e.getOriginalFileName();
        f.commandLine = e.getCommandLine();
        f.parentImage = e.getParentImage();
        f.parentCommandLine = e.getParentCommandLine();
        f.integrityLevel = e.getIntegrityLevel();
        f.processId = e.getProcessId();
        f.parentProcessId = e.getParentProcessId();
        f.currentDirectory = e.getCurrentDirectory();
        f.parentUser = e.getParentUser();
        f.hashes = e.getHashes();
        f.company = e.getCompany();
        f.description = e.getDescription();
        f.product = e.getProduct();
        f.fileVersion = e.getFileVersion();
        f.schema = e.getSchema();
        f.sourceFile = e.getSource().file();
        f.sourceLine = e.getSource().line();
        return f;
    }

    public ProcessEvent toProcessEvent() {
        return ProcessEvent.builder().time(time).host(host).actor(new Account(actorDomain, actorName, actorSid))
                .logonId(logonId).image(image).originalFileName(originalFileName).commandLine(commandLine)
                .parentImage(parentImage).parentCommandLine(parentCommandLine).integrityLevel(integrityLevel)
                .processId(processId).parentProcessId(parentProcessId).currentDirectory(currentDirectory)
                .parentUser(parentUser).hashes(hashes).company(company).description(description).product(product)
                .fileVersion(fileVersion).schema(schema).source(new SourceRef(sourceFile, sourceLine)).build();
    }

    @Override public String toString() { return "FlinkEvent[" + sourceFile + ":" + sourceLine + " " + host + " " + time + "]"; }
}
