package dev.tripline.bench;

import dev.tripline.testing.SharedData;

import java.nio.file.Path;

/** Writes the benchmark's input to a file, for profiling the CLI on it: {@code WriteBenchmarkFile EVENTS FILE}. */
public final class WriteBenchmarkFile {
    public static void main(String[] args) throws Exception {
        Path datasets = SharedData.find("datasets").orElseThrow(() -> new IllegalStateException("shared/datasets not found"));
        long bytes = BenchmarkData.write(BenchmarkData.realRecords(datasets), Long.parseLong(args[0]), Path.of(args[1]));
        System.out.println(args[1] + ": " + bytes + " bytes");
    }
}
