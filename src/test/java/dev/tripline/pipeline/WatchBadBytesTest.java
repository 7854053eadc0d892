package dev.tripline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tripline.engine.RuleCompiler;
import dev.tripline.engine.RuleSource;
import dev.tripline.model.Alert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Watch mode treats bytes as a batch does: a line that is not UTF-8 is rejected, never decoded as U+FFFD. */
class WatchBadBytesTest {

    @Test void aLineThatIsNotUtf8IsRejectedAndTheValidOneAlerts() throws Exception {
        String valid = LiveWatchTest.event("net group \"domain admins\" /domain", "4001");
        String broken = LiveWatchTest.event("net localgroup administrators", "4002").replace("ws01.corp.local", "ws01.corp.local\u0001");
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(valid.getBytes(StandardCharsets.UTF_8));
        byte[] b = broken.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) if (b[i] == 1) b[i] = (byte) 0xFF; // an invalid byte inside the host name
        in.writeBytes(b);
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        StringWriter errText = new StringWriter();
        LiveWatch watch = new LiveWatch(null, "-", Optional.empty(), LiveWatchTest.sink(alerts), new PrintWriter(errText, true),
                new ByteArrayInputStream(in.toByteArray()), 20);

        watch.run(RuleCompiler.compile(RuleSource.directory(Path.of("rules-drl"))), () -> false);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).events().get(0).getSource().line()).isEqualTo(1);
        assertThat(watch.rejected()).isEqualTo(1);
        assertThat(errText.toString()).contains("-:2: rejected: invalid UTF-8").contains("0xFF");
    }
}
