package dev.tripline.sigma.runtime;

/**
 * Measures Sigma wildcard matching on the adversarial input of issue 10 ({@code *a{5000}b*} against a 1 MiB
 * command line of 'a'); not a test. Run:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.tripline.sigma.runtime.WildcardBenchmark}
 * or with {@code java -cp target/classes:target/test-classes}.
 */
public final class WildcardBenchmark {
    public static void main(String[] args) {
        String text = "a".repeat(1 << 20);
        String[] globs = {"*" + "a".repeat(5000) + "b*", "*" + "a".repeat(5000) + "?b*", "*a*a*a*a*a*b"};
        for (String g : globs) {
            Wildcard w = Wildcard.compile(g);
            for (int warm = 0; warm < 3; warm++) w.matches(text);
            int runs = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) w.matches(text);
            double ms = (System.nanoTime() - t0) / 1e6 / runs;
            System.out.printf("%-24s on 1 MiB: %.2f ms per match%n", g.length() > 20 ? g.substring(0, 8) + "…(" + g.length() + " chars)" : g, ms);
        }
    }
}
