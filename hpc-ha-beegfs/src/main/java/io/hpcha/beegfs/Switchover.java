package io.hpcha.beegfs;

/**
 * Takes one target out of service so that BeeGFS's management service fails its buddy group over.
 *
 * <p>BeeGFS has no command that switches a buddy group over: neither beegfs-ctl 7.x
 * ({@code --setstate} sets only the consistency state, good or bad) nor the 8.x {@code beegfs} tool
 * ({@code mirror} has list, create, modify, delete and resync). The management service itself makes
 * the secondary primary once the primary has been unreachable for {@code sysTargetOfflineTimeoutSecs}
 * and is marked Offline. A {@link BeegfsMirrorGroup} given a Switchover uses it to fence the current
 * primary (stop its service, power off its host) and then waits for management to fail over.
 *
 * <p>Implementations must be idempotent: the target may already be out of service.
 */
@FunctionalInterface
public interface Switchover {
    /** Takes {@code target} out of service; returns once the request was made, not once management reacted. */
    void takeOutOfService(TargetState target);
}
