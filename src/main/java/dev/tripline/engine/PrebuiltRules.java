package dev.tripline.engine;

import dev.tripline.context.ContextListLoader;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.rule.TypeDeclaration;
import org.drools.core.impl.InternalRuleBase;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.internal.conf.ConstraintJittingThresholdOption;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bundled rules compiled once, at {@code mvn package}: the KieBase's packages serialized next to the bundled DRL
 * ({@value #RESOURCE}), so a run with the bundled rules loads them instead of compiling the DRL again (the compile is
 * most of a short run's time). The DRL stays the source: the file carries a fingerprint of every bundled file, and a
 * file that does not match them (or cannot be read) is ignored and the DRL compiled as before. Runs with
 * {@code --rules} or {@code --sigma} compile at run time as always.
 */
public final class PrebuiltRules {
    /** Classpath resource beside {@link RuleSource#BUNDLED_ROOT}. */
    public static final String RESOURCE = "tripline-rules.kbase";

    private PrebuiltRules() {}

    /** The prebuilt base for {@code source}, if the classpath has one made from exactly these files. */
    public static Optional<CompiledRules> load(RuleSource source) {
        try (InputStream raw = PrebuiltRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return raw == null ? Optional.empty() : load(source, raw);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<CompiledRules> load(RuleSource source, InputStream raw) {
        try {
            ObjectInputStream header = new ObjectInputStream(new BufferedInputStream(raw, 1 << 16));
            if (!fingerprint(source).equals(header.readUTF())) return Optional.empty();
            KieBase kieBase = readBase(header);
            return Optional.of(new CompiledRules(source.description(), kieBase, contextFacts(source.dataFiles()), List.of()));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (Boolean.getBoolean("tripline.prebuilt.debug")) e.printStackTrace();
            return Optional.empty();
        }
    }

    /**
     * The bundled rules of this jar, without reading their DRL: the base and the data lists it was made from are
     * both in the file. Only from a jar, which the build writes with the base and the DRL together; from a classes
     * folder (tests, an IDE) the DRL may have been recompiled since, so there {@link #load(RuleSource)} checks the
     * fingerprint against the files. Reading the DRL out of the jar costs a zip file system over the whole jar's
     * index (about a tenth of a short run).
     */
    public static Optional<CompiledRules> loadBundled() {
        java.util.concurrent.CompletableFuture<Optional<CompiledRules>> early = prefetched;
        if (early != null) return early.join();
        return readBundled();
    }

    private static volatile java.util.concurrent.CompletableFuture<Optional<CompiledRules>> prefetched;

    /**
     * Starts reading the bundled base on a thread of its own, for a run that will most likely ask for it
     * ({@link #loadBundled()} then waits for it): on two or more cores it is read while the JVM and the command line
     * start up. A run that does not ask for it loses nothing but that thread's work. At most once.
     */
    public static synchronized void prefetchBundled() {
        if (prefetched != null) return;
        java.util.concurrent.CompletableFuture<Optional<CompiledRules>> f = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(readBundled());
            } catch (Throwable e) {
                f.complete(Optional.empty());
            }
        }, "tripline-prebuilt-rules");
        t.setDaemon(true);
        prefetched = f;
        t.start();
    }

    private static Optional<CompiledRules> readBundled() {
        java.net.URL url = PrebuiltRules.class.getClassLoader().getResource(RESOURCE);
        if (url == null || !"jar".equals(url.getProtocol())) return Optional.empty();
        try (InputStream raw = url.openStream()) {
            return readBundled(raw);
        } catch (IOException | RuntimeException e) {
            if (Boolean.getBoolean("tripline.prebuilt.debug")) e.printStackTrace();
            return Optional.empty();
        }
    }

    /** The base and data lists of a prebuilt file, whatever rules it was made from (the caller vouches for them). */
    static Optional<CompiledRules> readBundled(InputStream raw) {
        try {
            ObjectInputStream header = new ObjectInputStream(new BufferedInputStream(raw, 1 << 16));
            header.readUTF(); // the fingerprint: this jar's own bundled files
            KieBase kieBase = readBase(header);
            @SuppressWarnings("unchecked")
            List<String[]> data = (List<String[]>) header.readObject();
            List<RuleFile> dataFiles = data.stream().map(d -> new RuleFile(d[0], d[1], d[2])).toList();
            return Optional.of(new CompiledRules(BUNDLED_DESCRIPTION, kieBase, contextFacts(dataFiles), List.of()));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (Boolean.getBoolean("tripline.prebuilt.debug")) e.printStackTrace();
            return Optional.empty();
        }
    }

    /**
     * The fingerprint of this jar's bundled rules ({@link #fingerprint} of {@link RuleSource#bundled()}), read from
     * the prebuilt file instead of hashing the DRL; empty when not running from a jar with one.
     */
    public static Optional<String> bundledFingerprint() {
        java.net.URL url = PrebuiltRules.class.getClassLoader().getResource(RESOURCE);
        if (url == null || !"jar".equals(url.getProtocol())) return Optional.empty();
        try (InputStream raw = url.openStream()) {
            return Optional.of(new ObjectInputStream(new BufferedInputStream(raw, 1 << 12)).readUTF());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The description {@link RuleSource#bundled()} gives. */
    static final String BUNDLED_DESCRIPTION = "bundled rules";

    static List<Object> contextFacts(List<RuleFile> dataFiles) {
        List<Object> facts = new ArrayList<>();
        for (RuleFile data : dataFiles) {
            facts.addAll(ContextListLoader.load(data.displayPath(), data.content(), p -> {
                throw new IllegalStateException(p.message());
            }));
        }
        return facts;
    }

    /** Reads what {@link #writeBase} wrote: the declared types' bytecode, then the serialized packages. */
    static KieBase readBase(ObjectInputStream header) throws IOException, ClassNotFoundException {
        // The types the DRL declares (declare BurstMember ...) exist only as generated bytecode: define them in
        // a project class loader before reading the packages that refer to them.
        @SuppressWarnings("unchecked")
        Map<String, byte[]> declared = (Map<String, byte[]>) header.readObject();
        ProjectClassLoader loader = ProjectClassLoader.createProjectClassLoader(PrebuiltRules.class.getClassLoader());
        declared.forEach(loader::storeClass);
        byte[] packageBytes = (byte[]) header.readObject();
        int jittingThreshold = header.readInt();
        ObjectInputStream in = new DroolsObjectInputStream(new java.io.ByteArrayInputStream(packageBytes), loader);
        @SuppressWarnings("unchecked")
        Collection<KiePackage> packages = (Collection<KiePackage>) in.readObject();
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(RuleCompiler.KBASE, configuration(loader, jittingThreshold));
        kieBase.addPackages(packages);
        return kieBase;
    }

    /** Writes {@code base}'s declared types and packages for {@link #readBase}. */
    static void writeBase(KieBase base, ObjectOutputStream o) throws IOException {
        Map<String, byte[]> declared = new TreeMap<>();
        if (((InternalRuleBase) base).getRootClassLoader() instanceof ProjectClassLoader pcl) {
            for (TypeDeclaration t : ((InternalRuleBase) base).getTypeDeclarations()) {
                if (t.getNature() != TypeDeclaration.Nature.DEFINITION) continue;
                String name = t.getTypeClassName();
                byte[] code = pcl.getBytecode(name.replace('.', '/') + ".class");
                if (code == null) throw new IOException("no bytecode for the declared type " + name);
                declared.put(name, code);
            }
        }
        java.io.ByteArrayOutputStream packageBytes = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream p = new DroolsObjectOutputStream(packageBytes)) {
            p.writeObject(new ArrayList<>(base.getKiePackages()));
        }
        o.writeObject(new java.util.HashMap<>(declared));
        o.writeObject(packageBytes.toByteArray());
        // when Drools may compile the constraints, as RuleCompiler decided from the rules' text
        o.writeInt(((org.drools.base.RuleBase) base).getConfiguration().getOption(ConstraintJittingThresholdOption.KEY).getThreshold());
    }

    /** Same options as {@link RuleCompiler}: STREAM, and the jitting threshold it chose for these rules (see there). */
    static KieBaseConfiguration configuration(ClassLoader loader, int jittingThreshold) {
        KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        conf.setOption(EventProcessingOption.STREAM);
        conf.setOption(ConstraintJittingThresholdOption.get(jittingThreshold));
        return conf;
    }

    /** Writes the prebuilt base of {@code source} to {@code out}; only a source that compiles without warnings. */
    static void write(RuleSource source, OutputStream out) throws IOException, RuleCompilationException {
        CompiledRules compiled = RuleCompiler.compile(source);
        if (!compiled.warnings().isEmpty() || !compiled.duplicates().isEmpty()) {
            throw new IOException("the bundled rules compile with warnings or duplicate ids; not prebuilt");
        }
        ObjectOutputStream o = new ObjectOutputStream(out);
        o.writeUTF(fingerprint(source));
        writeBase(compiled.kieBase(), o);
        // The data lists, for loadBundled (which reads no file of the source)
        ArrayList<String[]> data = new ArrayList<>();
        for (RuleFile f : source.dataFiles()) data.add(new String[] {f.displayPath(), f.relativePath(), f.content()});
        o.writeObject(data);
        o.flush();
    }

    static String fingerprint(RuleSource source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RuleFile f : source.files()) {
                sha.update(f.relativePath().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.content().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Build step ({@code mvn package}, process-classes): {@code PrebuiltRules CLASSES_DIR} writes {@value #RESOURCE} there. */
    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        Path target = classes.resolve(RESOURCE);
        RuleSource source = RuleSource.directoryAsBundled(classes.resolve(RuleSource.BUNDLED_ROOT));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            write(source, out);
        } catch (IOException | RuleCompilationException e) {
            // Not a build failure: without the file, runs compile the DRL as before (and validate reports the problem).
            Files.deleteIfExists(target);
            System.err.println("tripline: bundled rules not prebuilt: " + e.getMessage());
        }
    }
}
