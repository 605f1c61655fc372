package io.hpcha.examples.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpcha.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatTest {
    private final PrintStream realErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(realErr);
        LogFormat.TEXT.apply(Level.INFO);
    }

    private String logOneEvent(LogFormat format) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        format.apply(Level.INFO); // the console appender binds to System.err as configured now
        LoggerFactory.getLogger("io.hpcha.test").atInfo().setMessage("Starting Standby Node {}").addArgument("i-0abc")
                .addKeyValue("pair", "Compute-1").addKeyValue("fencingToken", 7).log();
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLogsCarryTheMessageAndTheStructuredFields() throws Exception {
        String line = logOneEvent(LogFormat.JSON).lines().filter(l -> l.contains("Starting Standby")).findFirst().orElseThrow();

        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("loggerName").asText()).isEqualTo("io.hpcha.test");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("Starting Standby Node i-0abc");
        assertThat(json.get("kvpList").toString()).contains("\"pair\":\"Compute-1\"").contains("\"fencingToken\":\"7\"");
    }

    @Test
    void textLogsPutTheFieldsAfterTheMessage() {
        String out = logOneEvent(LogFormat.TEXT);

        assertThat(out).contains("INFO  test - Starting Standby Node i-0abc pair=Compute-1 fencingToken=7");
    }

    @Test
    void anUnknownFormatIsAConfigurationError() {
        assertThatThrownBy(() -> LogFormat.parse("logging.format", "xml"))
                .isInstanceOf(ConfigurationException.class).hasMessage("logging.format: expected text or json, found 'xml'");
    }
}
