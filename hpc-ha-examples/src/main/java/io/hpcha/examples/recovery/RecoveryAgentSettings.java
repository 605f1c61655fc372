package io.hpcha.examples.recovery;

import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.examples.config.ConfigDocument;
import io.hpcha.examples.observability.MetricsSettings;
import io.hpcha.policy.RemediationBudget;
import io.hpcha.spi.ProviderConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The recovery agent's configuration file, checked as it is read: every unknown key, missing value or
 * wrong type is a {@link ConfigurationException} naming the key and what was expected. See
 * {@code config/recovery-agent.yaml} for a documented sample. Immutable.
 *
 * @param pairs               the compute nodes and their standbys
 * @param interval            time between passes
 * @param jitter              spread of the interval
 * @param mode                what to do for a failed node
 * @param takeOut             how to take the failed node out of Slurm
 * @param reason              the reason recorded in Slurm
 * @param standbyReadyTimeout how long a standby may take to become IDLE before the wait is flagged
 * @param dryRun              decide and log, do not act
 * @param budget              the remediation budget's settings (its section)
 * @param metrics             the metrics endpoint
 * @param logFormat           text or json
 */
public record RecoveryAgentSettings(List<ComputePair> pairs, Duration interval, double jitter, RecoveryMode mode,
                                    TakeOut takeOut, String reason, Duration standbyReadyTimeout, boolean dryRun,
                                    ProviderConfig budget, MetricsSettings metrics, String logFormat) {
    /** The top-level keys of the file. */
    public static final Set<String> KEYS = Set.of("agent", "budget", "fleet", "scheduler", "metrics", "logging");
    private static final Set<String> AGENT = Set.of("interval", "jitter", "recovery", "failedNode", "reason",
            "standbyReadyTimeout", "dryRun", "pairs");
    private static final Set<String> PAIR = Set.of("label", "primary", "standby", "primaryInstance", "standbyInstance");
    private static final Set<String> BUDGET = Set.of("maxActions", "window", "limits", "maxFailingShare", "minimumSubjects",
            "coolDown", "trustedObservationsToClose");
    private static final Set<String> LIMIT = Set.of("maxActions", "window");

    /**
     * Every key the daemon itself reads, by section path ({@code ""} for the top level, {@code []} for each
     * item of a list, {@code *} for any key of a map). The backend sections ({@code fleet}, {@code scheduler})
     * belong to their providers.
     */
    public static final Map<String, Set<String>> SCHEMA = Map.of(
            "", KEYS, "agent", AGENT, "agent.pairs[]", PAIR, "budget", BUDGET, "budget.limits.*", LIMIT,
            "metrics", MetricsSettings.KEYS, "logging", Set.of("format"));

    public RecoveryAgentSettings {
        pairs = List.copyOf(pairs);
    }

    public static RecoveryAgentSettings parse(ConfigDocument doc) {
        doc.requireOnly(KEYS);
        ProviderConfig agent = doc.section("agent").requireOnly(AGENT);
        ProviderConfig logging = doc.section("logging").requireOnly(SCHEMA.get("logging"));
        budgetBuilder(doc.section("budget"), Clock.systemUTC()); // checked now, built later on the daemon's clock
        return new RecoveryAgentSettings(
                pairs(doc),
                positive(agent, "interval", Duration.ofSeconds(30)),
                agent.number("jitter", 0.1),
                choice(agent, "recovery", RecoveryMode.class, RecoveryMode.START_STANDBY),
                choice(agent, "failedNode", TakeOut.class, TakeOut.DOWN),
                agent.string("reason", "hpc-ha recovery-agent: node failed"),
                positive(agent, "standbyReadyTimeout", Duration.ofMinutes(10)),
                agent.bool("dryRun", false),
                doc.section("budget"),
                MetricsSettings.parse(doc.section("metrics"), 9464),
                logging.optionalString("format").orElse(null));
    }

    /** A budget builder from the {@code budget} section. */
    public static RemediationBudget.Builder budgetBuilder(ProviderConfig b, Clock clock) {
        b.requireOnly(BUDGET);
        RemediationBudget.Builder builder = RemediationBudget.builder().name(RecoveryAgent.LOOP).clock(clock)
                .maxActions(b.integer("maxActions", 3), positive(b, "window", Duration.ofHours(1)))
                .maxFailingShare(b.number("maxFailingShare", 0.5))
                .minimumSubjects(b.integer("minimumSubjects", 3))
                .coolDown(positive(b, "coolDown", Duration.ofMinutes(5)))
                .trustedObservationsToClose(b.integer("trustedObservationsToClose", 1));
        ProviderConfig limits = b.section("limits");
        for (String kind : limits.keys()) {
            ProviderConfig l = limits.section(kind).requireOnly(LIMIT);
            builder.limit(kind, l.integer("maxActions", 3), positive(l, "window", Duration.ofHours(1)));
        }
        return builder;
    }

    private static List<ComputePair> pairs(ConfigDocument doc) {
        List<ComputePair> out = new ArrayList<>();
        for (ProviderConfig p : doc.sections("agent", "pairs")) {
            p.requireOnly(PAIR);
            String primary = p.string("primary");
            String standby = p.string("standby");
            try {
                out.add(new ComputePair(p.string("label", primary), NodeId.of(primary), NodeId.of(standby),
                        p.optionalString("primaryInstance"), p.optionalString("standbyInstance")));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(p.path() + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigurationException("agent.pairs: missing; expected a list of {primary, standby} compute nodes");
        }
        return out;
    }

    private static Duration positive(ProviderConfig c, String key, Duration fallback) {
        Duration d = c.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigurationException(c.path() + "." + key + ": expected a positive duration, found " + d);
        }
        return d;
    }

    private static <E extends Enum<E>> E choice(ProviderConfig c, String key, Class<E> type, E fallback) {
        Optional<String> v = c.optionalString(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String name = v.get().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new ConfigurationException(c.path() + "." + key + ": expected one of " + allowed + ", found '" + v.get() + "'");
    }
}
