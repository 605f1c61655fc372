package io.hpcha.beegfs;

/**
 * Whether the management service can reach a target, as BeeGFS prints it: {@code Online},
 * {@code Probably-offline}, {@code Offline}. Failover of a buddy group happens when its primary
 * becomes {@link #OFFLINE}.
 */
public enum Reachability {
    ONLINE, PROBABLY_OFFLINE, OFFLINE
}
