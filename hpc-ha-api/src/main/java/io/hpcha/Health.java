package io.hpcha;

/**
 * What a probe concluded about one subject.
 *
 * <p>{@link #UNKNOWN} is not a mild form of {@link #UNHEALTHY}: it means the probe could not tell
 * (the controller that knows did not answer). Policies must not remediate on UNKNOWN.
 */
public enum Health {
    /** Works as intended. */
    HEALTHY,
    /** Works, but with reduced redundancy or capacity, or an admin took it out of service. */
    DEGRADED,
    /** Does not work and will not recover by itself soon. */
    UNHEALTHY,
    /** The probe could not observe the subject. */
    UNKNOWN;

    /** The worse of the two, where UNHEALTHY &gt; UNKNOWN &gt; DEGRADED &gt; HEALTHY. */
    public Health worst(Health other) {
        return severity(this) >= severity(other) ? this : other;
    }

    private static int severity(Health h) {
        return switch (h) {
            case HEALTHY -> 0;
            case DEGRADED -> 1;
            case UNKNOWN -> 2;
            case UNHEALTHY -> 3;
        };
    }
}
