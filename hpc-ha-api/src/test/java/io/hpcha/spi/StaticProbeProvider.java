package io.hpcha.spi;

import io.hpcha.Health;
import io.hpcha.HealthProbe;
import io.hpcha.ProbeResult;
import java.util.List;

/** Registered in this module's test META-INF/services to prove discovery works end to end. */
public final class StaticProbeProvider implements Provider<HealthProbe> {
    @Override
    public String name() {
        return "test-static";
    }

    @Override
    public Class<HealthProbe> type() {
        return HealthProbe.class;
    }

    @Override
    public HealthProbe create(ProviderContext context) {
        String subject = context.config().string("subject");
        return new HealthProbe() {
            @Override
            public String name() {
                return "static";
            }

            @Override
            public List<ProbeResult> probe() {
                return List.of(new ProbeResult("static", subject, Health.HEALTHY, "", context.clock().instant()));
            }
        };
    }
}
