package dev.tripline.engine;

import dev.tripline.model.Account;
import dev.tripline.model.ProcessEvent;
import dev.tripline.model.SourceRef;

import java.time.Instant;

/** Builds process events for engine tests, with readable defaults. */
final class Events {
    private static long line;

    private Events() {}

    static ProcessEvent.Builder net(String at, String commandLine) {
        return net(Instant.parse(at).toEpochMilli(), commandLine);
    }

    static ProcessEvent.Builder net(long time, String commandLine) {
        return ProcessEvent.builder()
                .time(time)
                .host("WS01.corp.local")
                .actor(new Account("CORP", "alice", "S-1-5-21-1-2-3-1104"))
                .logonId("0x3c21d")
                .image("C:\\Windows\\System32\\net.exe")
                .originalFileName("net.exe")
                .commandLine(commandLine)
                .parentImage("C:\\Windows\\System32\\cmd.exe")
                .schema("test")
                .source(new SourceRef("test", ++line));
    }
}
