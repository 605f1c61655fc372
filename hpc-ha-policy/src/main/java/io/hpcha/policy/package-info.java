/**
 * Building blocks for HA policies on top of the hpc-ha SPIs, so that a policy is a few dozen lines
 * and can be tested with fakes and a manual clock:
 *
 * <ul>
 *   <li>{@link io.hpcha.policy.ReconcileLoop}: observe, decide (a pure function of the observation and
 *       the time), act; one pass at a time, on a fixed interval with jitter;</li>
 *   <li>{@link io.hpcha.policy.RemediationBudget}: decides <em>whether</em> a policy may act (caps per
 *       kind of action and window, and a protected mode when the signals themselves are suspect);</li>
 *   <li>{@link io.hpcha.policy.FailoverPlan}: decides <em>how</em> a sequence of actions executes
 *       (ordered, verified, retried, compensated, safe to rerun after a crash);</li>
 *   <li>{@link io.hpcha.policy.LeaderElection}: only the holder of a {@link io.hpcha.Lease} acts, and
 *       every write carries its fencing token.</li>
 * </ul>
 *
 * <p>Time comes from an injected {@link java.time.Clock} and {@link io.hpcha.spi.Sleeper}; background
 * work goes through an injected {@link io.hpcha.policy.TaskScheduler}, so tests drive everything by hand.
 */
package io.hpcha.policy;
