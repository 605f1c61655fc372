package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hpcha.Lease;
import io.hpcha.Leadership;
import io.hpcha.NodeId;
import io.hpcha.spi.LocalCommandRunner;
import io.hpcha.spi.ProviderConfig;
import io.hpcha.spi.ProviderContext;
import io.hpcha.spi.Providers;
import io.hpcha.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provider {@code dynamodb} from a daemon's {@code lease:} section, against DynamoDB Local with no
 * credentials configured anywhere (the dummy ones of a plain-http endpoint are used).
 */
class DynamoDbLeaseProviderIT {
    private static DynamoDbLocal local;

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        local = DynamoDbLocal.start();
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        local.close();
    }

    /** The {@code lease:} section of config/controller-failover.yaml, pointed at DynamoDB Local. */
    private static Map<String, Object> section(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("region", "eu-west-1");
        c.put("table", DynamoDbLocal.TABLE);
        c.put("name", name);
        c.put("duration", "15s");
        c.put("endpoint", local.endpoint().toString());
        return c;
    }

    private static Lease lease(Map<String, Object> section, ManualClock clock) {
        return Providers.create(Lease.class, "dynamodb",
                new ProviderContext(ProviderConfig.of("lease", section), LocalCommandRunner.create(), clock, clock));
    }

    @Test
    void twoControllersShareOneLeaseFromConfiguration() {
        assertThat(System.getProperty("aws.accessKeyId")).as("no credentials configured").isNull();
        ManualClock clock = new ManualClock();
        Lease onA = lease(section("slurm-controller"), clock);
        Lease onB = lease(section("slurm-controller"), clock);

        Leadership a = onA.tryAcquire(NodeId.of("ctl-a")).orElseThrow();
        assertThat(a.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(15)));
        assertThat(onB.tryAcquire(NodeId.of("ctl-b"))).as("held by ctl-a").isEmpty();

        clock.advance(Duration.ofSeconds(16));
        Leadership b = onB.tryAcquire(NodeId.of("ctl-b")).orElseThrow();
        assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
        assertThat(onA.renew(a)).as("the stale holder's renew").isFalse();
    }

    /** The section exactly as config/controller-failover.yaml ships it, plus an endpoint: the keys cannot drift apart. */
    @Test
    void theShippedExampleConfigurationWorks() throws Exception {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../config/controller-failover.yaml").normalize();
        Map<?, ?> document = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map.class);
        Map<String, Object> section = new LinkedHashMap<>();
        ((Map<?, ?>) document.get("lease")).forEach((k, v) -> section.put(k.toString(), v));
        assertThat(section).containsEntry("provider", "dynamodb").containsKeys("region", "table", "name", "duration");
        section.put("endpoint", local.endpoint().toString());
        section.put("table", DynamoDbLocal.TABLE);
        ManualClock clock = new ManualClock();

        Leadership l = lease(section, clock).tryAcquire(NodeId.of(document.get("node").toString())).orElseThrow();

        assertThat(l.lease()).isEqualTo(section.get("name"));
        assertThat(Duration.between(clock.instant(), l.expiresAt()))
                .isEqualTo(ProviderConfig.of("lease", section).duration("duration", null));
    }

    @Test
    void clockSkewAndCallSettingsAreRead() {
        Map<String, Object> s = section("skewed");
        s.put("clockSkew", "3s");
        s.put("maxAttempts", 2);
        s.put("apiCallTimeout", "4s");
        s.put("apiCallAttemptTimeout", "1s");
        ManualClock clock = new ManualClock();
        DynamoDbLease lease = (DynamoDbLease) lease(s, clock);

        Leadership l = lease.tryAcquire(NodeId.of("ctl-a")).orElseThrow();
        assertThat(lease.mustStopActingAt(l)).isEqualTo(l.expiresAt().minusSeconds(3));
        assertThat(lease.name()).isEqualTo("skewed");
    }
}
