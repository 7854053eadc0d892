package dev.tripline.ingest;

import dev.tripline.model.ProcessEvent;

/**
 * The checks every shape makes before a process creation becomes a fact: it has a plausible time, an image and
 * (except Security 4688) a command line.
 */
final class ProcessEvents {
    private ProcessEvents() {}

    static Outcome complete(ProcessEvent.Builder event, TimeField time, String image, String commandLine) {
        return complete(event, time, image, commandLine, true);
    }

    /**
     * As {@link #complete}, for shapes whose source may legitimately omit the command line: Windows writes 4688
     * without {@code CommandLine} unless "Include command line in process creation events" is enabled. Such an
     * event has an empty command line; rules on image, parent or account still apply.
     */
    static Outcome completeWithoutCommandLine(ProcessEvent.Builder event, TimeField time, String image, String commandLine) {
        return complete(event, time, image, commandLine, false);
    }

    private static Outcome complete(ProcessEvent.Builder event, TimeField time, String image, String commandLine,
                                    boolean commandLineRequired) {
        if (time == null) return Outcome.rejected(Reasons.MISSING_TIME);
        long millis = time.epochMillis();
        if (millis == Timestamps.INVALID) return Outcome.rejected(time.unparseable());
        String implausible = TimePlausibility.problem(time, millis);
        if (implausible != null) return Outcome.rejected(implausible);
        if (image == null) return Outcome.rejected(Reasons.MISSING_IMAGE);
        if (commandLine == null && commandLineRequired) return Outcome.rejected(Reasons.MISSING_COMMAND_LINE);
        return Outcome.accepted(event.time(millis).image(image).commandLine(commandLine == null ? "" : commandLine).build());
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
