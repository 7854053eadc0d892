package dev.tripline.model;

import java.beans.ConstructorProperties;
import java.util.Objects;

/**
 * One process creation, whatever log it came from. Normalizers fill it; rules read it. Absent values are
 * {@code null}; the {@code …Lower} getters fold case (and Unicode) once so rules can compare without
 * caring about either.
 */
public final class ProcessEvent implements TimedFact, java.io.Serializable {
    private final long time;
    private final String host;
    private final Account actor;
    private final String logonId;
    private final String image;
    private final String originalFileName;
    private final String commandLine;
    private final String parentImage;
    private final String parentCommandLine;
    private final String integrityLevel;
    private final String processId;
    private final String parentProcessId;
    private final String currentDirectory;
    private final String parentUser;
    private final String hashes;
    private final String company;
    private final String description;
    private final String product;
    private final String fileVersion;
    private final String schema;
    private final SourceRef source;

    /**
     * Work done on this event ahead of the engine, by the thread that read it (the Sigma prefilter's scan), for
     * the engine to pick up instead of doing it again; opaque here, never marshalled, not part of the event.
     */
    private transient volatile Object readAhead;
    private transient String commandLineKey;

    // Folded once: rules compare these many times per event.
    private final String imageLower;
    private final String originalFileNameLower;
    private final String commandLineLower;
    private final String parentImageLower;

    private ProcessEvent(Builder b) {
        this(b.time, b.host, b.actor, b.logonId, b.image, b.originalFileName, b.commandLine, b.parentImage,
                b.parentCommandLine, b.integrityLevel, b.processId, b.parentProcessId, b.currentDirectory, b.parentUser,
                b.hashes, b.company, b.description, b.product, b.fileVersion, b.schema, b.source);
    }

    /**
     * Every field, for marshallers that build objects by constructor (KIE Server's JSON marshaller reads the names
     * from {@code @ConstructorProperties}); code builds events with {@link #builder()}. The folded fields are
     * computed here, whoever calls it.
     */
    @ConstructorProperties({"time", "host", "actor", "logonId", "image", "originalFileName", "commandLine", "parentImage",
            "parentCommandLine", "integrityLevel", "processId", "parentProcessId", "currentDirectory", "parentUser",
            "hashes", "company", "description", "product", "fileVersion", "schema", "source"})
    public ProcessEvent(long time, String host, Account actor, String logonId, String image, String originalFileName,
                        String commandLine, String parentImage, String parentCommandLine, String integrityLevel,
                        String processId, String parentProcessId, String currentDirectory, String parentUser,
                        String hashes, String company, String description, String product, String fileVersion,
                        String schema, SourceRef source) {
        this.time = time;
        this.host = host;
        this.actor = actor == null ? Account.unknown() : actor;
        this.logonId = LogonId.canonical(logonId);
        this.image = image;
        this.originalFileName = originalFileName;
        this.commandLine = commandLine;
        this.parentImage = parentImage;
        this.parentCommandLine = parentCommandLine;
        this.integrityLevel = integrityLevel;
        this.processId = processId;
        this.parentProcessId = parentProcessId;
        this.currentDirectory = currentDirectory;
        this.parentUser = parentUser;
        this.hashes = hashes;
        this.company = company;
        this.description = description;
        this.product = product;
        this.fileVersion = fileVersion;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.source = Objects.requireNonNull(source, "source");
        this.imageLower = Text.fold(image);
        this.originalFileNameLower = Text.fold(originalFileName);
        this.commandLineLower = Text.fold(commandLine);
        this.parentImageLower = Text.fold(parentImage);
    }

    /** What {@link #readAhead(Object)} left, or null. */
    public Object readAhead() { return readAhead; }

    /** Leaves work done ahead for the engine (see the field); the owner of the value knows what it is. */
    public void readAhead(Object work) { readAhead = work; }

    public static Builder builder() { return new Builder(); }

    @Override public long getTime() { return time; }
    public String getHost() { return host; }
    public Account getActor() { return actor; }
    public String getLogonId() { return logonId; }
    public String getImage() { return image; }
    public String getOriginalFileName() { return originalFileName; }
    public String getCommandLine() { return commandLine; }
    public String getParentImage() { return parentImage; }
    public String getParentCommandLine() { return parentCommandLine; }
    public String getIntegrityLevel() { return integrityLevel; }
    public String getProcessId() { return processId; }
    public String getParentProcessId() { return parentProcessId; }
    public String getCurrentDirectory() { return currentDirectory; }
    public String getParentUser() { return parentUser; }
    public String getHashes() { return hashes; }
    public String getCompany() { return company; }
    public String getDescription() { return description; }
    public String getProduct() { return product; }
    public String getFileVersion() { return fileVersion; }
    public String getSchema() { return schema; }
    @Override public SourceRef getSource() { return source; }

    public String getImageLower() { return imageLower; }
    public String getOriginalFileNameLower() { return originalFileNameLower; }
    public String getCommandLineLower() { return commandLineLower; }
    public String getParentImageLower() { return parentImageLower; }
    /** {@code w3wp.exe} for {@code C:\Windows\System32\inetsrv\w3wp.exe}; "" when unknown. */
    public String getParentImageFileNameLower() { return Text.fold(Text.fileName(parentImage)); }
    public String getImageFileNameLower() { return Text.fold(Text.fileName(image)); }
    /**
     * The command as typed, for counting commands: case folded, runs of white space collapsed, and the program
     * named by its bare name ({@code "C:\\Windows\\system32\\net1.exe"  group} and {@code net group} are both
     * {@code net group}). Two spellings of one command are one; so are net.exe and the net1.exe it hands its
     * arguments to (net1 is net's worker, typed or spawned it runs the same command).
     */
    public String getCommandLineKey() {
        // Asked by the typed-command rules and by deduplication for every alert: computed once. (A String is
        // immutable, so a race only computes it twice.)
        String key = commandLineKey;
        if (key == null) commandLineKey = key = commandKey(commandLineLower);
        return key;
    }

    static String commandKey(String folded) {
        String line = collapseSpaces(folded.strip());
        if (line.isEmpty()) return line;
        int end;
        String program;
        if (line.charAt(0) == '"') {
            end = line.indexOf('"', 1);
            if (end < 0) return line;
            program = line.substring(1, end);
            end++;
        } else {
            end = line.indexOf(' ');
            if (end < 0) end = line.length();
            program = line.substring(0, end);
        }
        String name = Text.fileName(program);
        if (name.endsWith(".exe")) name = name.substring(0, name.length() - 4);
        if (name.equals("net1")) name = "net";
        if (name.isEmpty()) return line;
        String rest = line.substring(end).strip();
        return rest.isEmpty() ? name : name + " " + rest;
    }

    /**
     * Each run of white space ({@code \s}: space, tab, line breaks, vertical tab, form feed) as one space, as
     * {@code replaceAll("\\s+", " ")} does, without compiling a regex per call: deduplication keys every alert with
     * it. The string itself when it has nothing to replace.
     */
    static String collapseSpaces(String s) {
        StringBuilder b = null;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) {
                if (b != null) b.append(c);
                continue;
            }
            int end = i + 1;
            while (end < n && isSpace(s.charAt(end))) end++;
            if (b == null && (c != ' ' || end > i + 1)) b = new StringBuilder(n).append(s, 0, i);
            if (b != null) b.append(' ');
            i = end - 1;
        }
        return b == null ? s : b.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Host name folded to lower case, for joining events of one host. */
    public String getHostKey() { return host == null ? "" : Text.fold(host); }

    // Appended for Sigma conversion: the Sysmon "User" field, and folded views of the remaining text fields,
    // computed on demand (only rules that test them pay for the folding).

    /** The account as Sysmon's {@code User} field writes it ({@code DOMAIN\\name}); null when the name is unknown. */
    public String getUser() { return actor.getName() == null ? null : actor.display(); }
    public String getUserLower() { return Text.fold(getUser()); }
    public String getParentCommandLineLower() { return Text.fold(parentCommandLine); }
    public String getIntegrityLevelLower() { return Text.fold(integrityLevel); }
    public String getLogonIdLower() { return Text.fold(logonId); }
    public String getCurrentDirectoryLower() { return Text.fold(currentDirectory); }
    public String getParentUserLower() { return Text.fold(parentUser); }
    public String getHashesLower() { return Text.fold(hashes); }
    public String getCompanyLower() { return Text.fold(company); }
    public String getDescriptionLower() { return Text.fold(description); }
    public String getProductLower() { return Text.fold(product); }
    public String getFileVersionLower() { return Text.fold(fileVersion); }

    @Override public String toString() {
        return "ProcessEvent[" + source + " " + host + " " + actor.display() + " " + commandLine + "]";
    }

    public static final class Builder {
        private long time;
        private String host, logonId, image, originalFileName, commandLine, parentImage, parentCommandLine,
                integrityLevel, processId, parentProcessId, currentDirectory, parentUser, hashes, company,
                description, product, fileVersion, schema;
        private Account actor;
        private SourceRef source;

        public Builder time(long epochMillis) { this.time = epochMillis; return this; }
        public Builder host(String v) { this.host = v; return this; }
        public Builder actor(Account v) { this.actor = v; return this; }
        public Builder logonId(String v) { this.logonId = v; return this; }
        public Builder image(String v) { this.image = v; return this; }
        public Builder originalFileName(String v) { this.originalFileName = v; return this; }
        public Builder commandLine(String v) { this.commandLine = v; return this; }
        public Builder parentImage(String v) { this.parentImage = v; return this; }
        public Builder parentCommandLine(String v) { this.parentCommandLine = v; return this; }
        public Builder integrityLevel(String v) { this.integrityLevel = v; return this; }
        public Builder processId(String v) { this.processId = v; return this; }
        public Builder parentProcessId(String v) { this.parentProcessId = v; return this; }
        public Builder currentDirectory(String v) { this.currentDirectory = v; return this; }
        public Builder parentUser(String v) { this.parentUser = v; return this; }
        public Builder hashes(String v) { this.hashes = v; return this; }
        public Builder company(String v) { this.company = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder product(String v) { this.product = v; return this; }
        public Builder fileVersion(String v) { this.fileVersion = v; return this; }
        public Builder schema(String v) { this.schema = v; return this; }
        public Builder source(SourceRef v) { this.source = v; return this; }
        public ProcessEvent build() { return new ProcessEvent(this); }
    }
}
