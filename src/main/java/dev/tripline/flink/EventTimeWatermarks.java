package dev.tripline.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * Event-time watermarks with a bounded out-of-orderness, emitted in-band as soon as the newest event time
 * moves (not on a processing-time period): the watermark is {@code newest - bound}, the same rule as the
 * CLI's reorder buffer, so an event at or behind it is late exactly when the CLI would insert it late, and a
 * bounded file replays deterministically however fast it is read. {@code granularity} throttles how often a
 * watermark is sent (one per event would flood the keyed operator).
 */
final class EventTimeWatermarks implements WatermarkGenerator<FlinkEvent> {
    private final long boundMillis;
    private final long granularityMillis;
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    EventTimeWatermarks(long boundMillis, long granularityMillis) {
        this.boundMillis = boundMillis;
        this.granularityMillis = Math.max(1, granularityMillis);
    }

    static WatermarkStrategy<FlinkEvent> strategy(Duration outOfOrderness, Duration granularity, Duration idleness) {
        long bound = outOfOrderness.toMillis(), gran = granularity.toMillis();
        WatermarkStrategy<FlinkEvent> s = WatermarkStrategy.<FlinkEvent>forGenerator(ctx -> new EventTimeWatermarks(bound, gran))
                .withTimestampAssigner((e, previous) -> e.time);
        return idleness == null || idleness.isZero() ? s : s.withIdleness(idleness);
    }

    @Override public void onEvent(FlinkEvent event, long timestamp, WatermarkOutput output) {
        if (timestamp <= newest) return;
        newest = timestamp;
        long wm = newest - boundMillis;
        if (emitted == Long.MIN_VALUE || wm >= emitted + granularityMillis) {
            emitted = wm;
            output.emitWatermark(new Watermark(wm));
        }
    }

    @Override public void onPeriodicEmit(WatermarkOutput output) {
        if (newest == Long.MIN_VALUE) return;
        long wm = newest - boundMillis;
        if (wm > emitted) {
            emitted = wm;
            output.emitWatermark(new Watermark(wm));
        }
    }
}
