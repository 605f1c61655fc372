/**
 * The BeeGFS backend: {@link io.hpcha.beegfs.BeegfsClient} (typed target, buddy group, resync and
 * node state from beegfs-ctl 7.x or the 8.x {@code beegfs} tool), the probes
 * {@link io.hpcha.beegfs.BeegfsTargetProbe} and {@link io.hpcha.beegfs.BeegfsNodeProbe}, and
 * {@link io.hpcha.beegfs.BeegfsMirrorGroup}, a buddy-mirror group as a
 * {@link io.hpcha.ReplicatedVolume}. BeeGFS's management service decides buddy failover itself;
 * promotion is possible only through a {@link io.hpcha.beegfs.Switchover} that takes the primary out
 * of service. Providers: HealthProbe {@code "beegfs-targets"}, {@code "beegfs-nodes"};
 * ReplicatedVolume {@code "beegfs-mirror-group"}.
 */
package io.hpcha.beegfs;
