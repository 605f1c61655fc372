package io.hpcha.policy;

/**
 * Takes one snapshot of what a policy watches ({@link ProbeObserver} for health probes, or a policy's
 * own reads of a fleet and a scheduler).
 *
 * <p>Throwing means the observation itself failed (the EC2 API errors, slurmctld is unreachable):
 * the loop then decides nothing and the {@link RemediationBudget} enters protected mode. An observer
 * must never turn "could not ask" into "down".
 *
 * @param <S> the snapshot type
 */
@FunctionalInterface
public interface Observer<S> {
    /** Observes now; has no side effects on the observed system. */
    S observe();
}
