package dev.tripline.flink;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One count of the job's run summary, kept twice: as a Flink metric ({@code tripline.<name>}, live, for
 * dashboards) and, where the operator has a runtime context, as an accumulator of the same name, which a
 * bounded run (files, or a bounded Kafka replay) reports when it ends — {@link TriplineJob} prints it as the
 * CLI prints its run summary.
 */
final class RunCounter {
    static final String PREFIX = "tripline.";

    private final Counter metric;
    private final LongCounter accumulator;

    private RunCounter(Counter metric, LongCounter accumulator) {
        this.metric = metric;
        this.accumulator = accumulator;
    }

    /** @param group the operator's {@code tripline} metric group; {@code ctx} null where there is none (a Kafka deserializer) */
    static RunCounter of(MetricGroup group, RuntimeContext ctx, String name) {
        LongCounter acc = null;
        if (ctx != null) {
            acc = new LongCounter();
            ctx.addAccumulator(PREFIX + name, acc);
        }
        return new RunCounter(group.counter(name), acc);
    }

    void inc() { add(1); }

    void add(long n) {
        metric.inc(n);
        if (accumulator != null) accumulator.add(n);
    }
}
