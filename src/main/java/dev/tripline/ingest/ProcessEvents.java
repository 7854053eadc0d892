package dev.tripline.ingest;

import dev.tripline.model.ProcessEvent;

/** The checks every shape makes before a process creation becomes a fact: it has a time, an image and a command line. */
final class ProcessEvents {
    private ProcessEvents() {}

    static Outcome complete(ProcessEvent.Builder event, TimeField time, String image, String commandLine) {
        if (time == null) return Outcome.rejected(Reasons.MISSING_TIME);
        long millis = time.epochMillis();
        if (millis == Timestamps.INVALID) return Outcome.rejected(time.unparseable());
        if (image == null) return Outcome.rejected(Reasons.MISSING_IMAGE);
        if (commandLine == null) return Outcome.rejected(Reasons.MISSING_COMMAND_LINE);
        return Outcome.accepted(event.time(millis).image(image).commandLine(commandLine).build());
    }

    /** Sysmon-style {@code SHA1=…,MD5=…} from separate hash fields; null when there are none. */
    static String hashes(String... algorithmValuePairs) {
        StringBuilder sb = null;
        for (int i = 0; i + 1 < algorithmValuePairs.length; i += 2) {
            String value = algorithmValuePairs[i + 1];
            if (value == null) continue;
            sb = sb == null ? new StringBuilder() : sb.append(',');
            sb.append(algorithmValuePairs[i]).append('=').append(value);
        }
        return sb == null ? null : sb.toString();
    }
}
