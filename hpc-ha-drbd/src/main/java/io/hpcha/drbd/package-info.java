/**
 * The DRBD backend: {@link io.hpcha.drbd.DrbdVolume} (one DRBD 9 or 8.4 resource on the local node
 * as an {@link io.hpcha.ReplicatedVolume}, with typed refusals carrying DRBD's own codes and texts and
 * an explicit split-brain recovery), {@link io.hpcha.drbd.DrbdProbe} (resource health) and
 * {@link io.hpcha.drbd.DrbdEvents} (a restarting follower of {@code drbdsetup events2} for reacting
 * within milliseconds). Everything runs DRBD's own tools through a {@link io.hpcha.spi.CommandRunner}
 * or a {@link io.hpcha.drbd.LineProcessLauncher}, never a shell, with names validated first.
 * Providers: ReplicatedVolume {@code "drbd"}; HealthProbe {@code "drbd"}.
 */
package io.hpcha.drbd;
