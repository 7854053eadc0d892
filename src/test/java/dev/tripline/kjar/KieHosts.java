package dev.tripline.kjar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Drools hosts a KJAR test can load Tripline's rules into. Each is kie-ci and Drools of one version, resolved
 * by the build (src/test/kie-hosts, into target/kie-hosts/NAME.classpath), on a class loader of its own whose
 * parent is the JDK's platform loader: no class of the test's own Drools 10.2.0 and none of Tripline's reaches
 * it. The one Tripline class it sees is {@code dev.tripline.kjar.host.ForeignHost}, the host application.
 */
enum KieHosts {
    DROOLS_7_74_1("drools-7.74.1"),
    DROOLS_8_44_0("drools-8.44.0"),
    DROOLS_10_1_0("drools-10.1.0");

    private static final String HOST_PACKAGE = "dev/tripline/kjar/host/";
    private final String name;
    private URLClassLoader loader;

    KieHosts(String name) { this.name = name; }

    @Override public String toString() { return name; }

    /** Calls a static method of ForeignHost inside this host, with the host's loader as context class loader. */
    @SuppressWarnings("unchecked")
    <T> T call(String method, Object... args) throws Exception {
        ClassLoader cl = loader();
        Class<?> host = cl.loadClass("dev.tripline.kjar.host.ForeignHost");
        java.lang.reflect.Method m = java.util.Arrays.stream(host.getMethods())
                .filter(x -> x.getName().equals(method) && x.getParameterCount() == args.length).findFirst()
                .orElseThrow(() -> new NoSuchMethodException(method));
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(cl);
        try {
            return (T) m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    synchronized ClassLoader loader() {
        if (loader == null) loader = new HostLoader(name, urls());
        return loader;
    }

    private List<URL> urls() {
        Path file = Path.of("target/kie-hosts", name + ".classpath");
        try {
            if (!Files.exists(file)) throw new IllegalStateException(file + " is missing: the build resolves it before the tests (exec kie-hosts)");
            List<URL> urls = new ArrayList<>();
            for (String jar : Files.readString(file).trim().split(java.io.File.pathSeparator)) urls.add(Path.of(jar).toUri().toURL());
            urls.add(Path.of("target/test-classes").toAbsolutePath().toUri().toURL()); // for ForeignHost only, see HostLoader
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host's jars and, of the test classes directory, only the host application's package. */
    private static final class HostLoader extends URLClassLoader {
        private final String testClasses;

        HostLoader(String name, List<URL> urls) {
            super("kie-host-" + name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            this.testClasses = urls.get(urls.size() - 1).toString();
        }

        @Override protected Class<?> findClass(String name) throws ClassNotFoundException {
            String path = name.replace('.', '/') + ".class";
            URL url = super.findResource(path);
            if (url == null || hidden(url, path)) throw new ClassNotFoundException(name);
            return super.findClass(name);
        }

        @Override public URL findResource(String name) {
            URL url = super.findResource(name);
            return url == null || hidden(url, name) ? null : url;
        }

        @Override public java.util.Enumeration<URL> findResources(String name) throws IOException {
            List<URL> out = new ArrayList<>();
            for (URL url : java.util.Collections.list(super.findResources(name))) if (!hidden(url, name)) out.add(url);
            return java.util.Collections.enumeration(out);
        }

        private boolean hidden(URL url, String path) {
            return url.toString().startsWith(testClasses) && !path.startsWith(HOST_PACKAGE);
        }
    }
}
