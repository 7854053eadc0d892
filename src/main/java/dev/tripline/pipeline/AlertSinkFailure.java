package dev.tripline.pipeline;

import java.io.IOException;

/** Alerts could not be written (disk full, closed pipe): the run stops, since findings would be lost. */
public final class AlertSinkFailure extends RuntimeException {
    public AlertSinkFailure(IOException cause) {
        super("cannot write alerts: " + cause.getMessage(), cause);
    }
}
