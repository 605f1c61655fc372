/**
 * Testing support for hpc-ha: everything a backend or a policy needs to be tested without a cluster.
 *
 * <ul>
 *   <li><b>Fakes</b> of every SPI with the real backends' semantics ({@link io.hpcha.testkit.FakeScheduler},
 *       {@link io.hpcha.testkit.FakeComputeFleet}, {@link io.hpcha.testkit.FakeFloatingAddress},
 *       {@link io.hpcha.testkit.FakeReplicatedVolume}, {@link io.hpcha.testkit.FakeLease},
 *       {@link io.hpcha.testkit.FakeHealthProbe}), and {@link io.hpcha.testkit.FakeCluster}, which wires a
 *       scheduler to a fleet so that a crashed instance becomes a DOWN node. Each fake is thread-safe, runs on
 *       an injected clock, records the writes it accepted, and misbehaves on demand through its
 *       {@link io.hpcha.testkit.FaultInjector}.</li>
 *   <li>{@link io.hpcha.testkit.ManualClock}: a clock and sleeper that move only when told to, so tests
 *       never sleep.</li>
 *   <li>{@link io.hpcha.testkit.ScriptedCommandRunner}: answers a CLI-backed backend's commands from a
 *       script and fails loudly on any command it did not expect.</li>
 *   <li>Compatibility kits (abstract JUnit 5 classes, one per SPI): a backend's test subclasses a kit,
 *       implements its factory methods, and inherits the SPI's contract as tests. The fakes pass every kit.</li>
 * </ul>
 */
package io.hpcha.testkit;
