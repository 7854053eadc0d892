package dev.tripline.kjar.command;

import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;

/**
 * A process event inside a {@link RemoteAlert}: the fields {@link ProcessEvent}'s constructor takes, flat (the
 * account as {@code actorDomain/actorName/actorSid}, the source as {@code sourceFile/sourceLine/sourceRecord}, the record being
 * an .evtx EventRecordID or -1), without the
 * folded views.
 */
public final class RemoteEvent {
    private long time;
    private String host, actorDomain, actorName, actorSid, logonId, image, originalFileName, commandLine, parentImage,
            parentCommandLine, integrityLevel, processId, parentProcessId, currentDirectory, parentUser, hashes, company,
            description, product, fileVersion, schema, sourceFile;
    private long sourceLine;
    private long sourceRecord = SourceRef.NO_RECORD;

    public RemoteEvent() {}

    /** The wire form of an event (what a client sends in {@link InsertEvent}, and what alerts carry). */
    public static RemoteEvent of(ProcessEvent e) {
        RemoteEvent w = new RemoteEvent();
        w.time = e.getTime();
        w.host = e.getHost();
        w.actorDomain = e.getActor().getDomain();
        w.actorName = e.getActor().getName();
        w.actorSid = e.getActor().getSid();
        w.logonId = e.getLogonId();
        w.image = e.getImage();
        w.originalFileName = e.getOriginalFileName();
        w.commandLine = e.getCommandLine();
        w.parentImage = e.getParentImage();
        w.parentCommandLine = e.getParentCommandLine();
        w.integrityLevel = e.getIntegrityLevel();
        w.processId = e.getProcessId();
        w.parentProcessId = e.getParentProcessId();
        w.currentDirectory = e.getCurrentDirectory();
        w.parentUser = e.getParentUser();
        w.hashes = e.getHashes();
        w.company = e.getCompany();
        w.description = e.getDescription();
        w.product = e.getProduct();
        w.fileVersion = e.getFileVersion();
        w.schema = e.getSchema();
        w.sourceFile = e.getSource().file();
        w.sourceLine = e.getSource().line();
        w.sourceRecord = e.getSource().record();
        return w;
    }

    /** The event as Tripline's model has it (folded fields computed again). */
    public ProcessEvent toProcessEvent() {
        return new ProcessEvent(time, host, new Account(actorDomain, actorName, actorSid), logonId, image, originalFileName,
                commandLine, parentImage, parentCommandLine, integrityLevel, processId, parentProcessId, currentDirectory,
                parentUser, hashes, company, description, product, fileVersion, schema, new SourceRef(sourceFile, sourceLine, sourceRecord));
    }

    public long getTime() { return time; }
    public void setTime(long v) { time = v; }
    public String getHost() { return host; }
    public void setHost(String v) { host = v; }
    public String getActorDomain() { return actorDomain; }
    public void setActorDomain(String v) { actorDomain = v; }
    public String getActorName() { return actorName; }
    public void setActorName(String v) { actorName = v; }
    public String getActorSid() { return actorSid; }
    public void setActorSid(String v) { actorSid = v; }
    public String getLogonId() { return logonId; }
    public void setLogonId(String v) { logonId = v; }
    public String getImage() { return image; }
    public void setImage(String v) { image = v; }
    public String getOriginalFileName() { return originalFileName; }
    public void setOriginalFileName(String v) { originalFileName = v; }
    public String getCommandLine() { return commandLine; }
    public void setCommandLine(String v) { commandLine = v; }
    public String getParentImage() { return parentImage; }
    public void setParentImage(String v) { parentImage = v; }
    public String getParentCommandLine() { return parentCommandLine; }
    public void setParentCommandLine(String v) { parentCommandLine = v; }
    public String getIntegrityLevel() { return integrityLevel; }
    public void setIntegrityLevel(String v) { integrityLevel = v; }
    public String getProcessId() { return processId; }
    public void setProcessId(String v) { processId = v; }
    public String getParentProcessId() { return parentProcessId; }
    public void setParentProcessId(String v) { parentProcessId = v; }
    public String getCurrentDirectory() { return currentDirectory; }
    public void setCurrentDirectory(String v) { currentDirectory = v; }
    public String getParentUser() { return parentUser; }
    public void setParentUser(String v) { parentUser = v; }
    public String getHashes() { return hashes; }
    public void setHashes(String v) { hashes = v; }
    public String getCompany() { return company; }
    public void setCompany(String v) { company = v; }
    public String getDescription() { return description; }
    public void setDescription(String v) { description = v; }
    public String getProduct() { return product; }
    public void setProduct(String v) { product = v; }
    public String getFileVersion() { return fileVersion; }
    public void setFileVersion(String v) { fileVersion = v; }
    public String getSchema() { return schema; }
    public void setSchema(String v) { schema = v; }
    public String getSourceFile() { return sourceFile; }
    public void setSourceFile(String v) { sourceFile = v; }
    public long getSourceLine() { return sourceLine; }
    public void setSourceLine(long v) { sourceLine = v; }
    public long getSourceRecord() { return sourceRecord; }
    public void setSourceRecord(long v) { sourceRecord = v; }
}
