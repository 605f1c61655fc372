/**
 * What backends are built from: {@link io.hpcha.spi.CommandRunner} (argument vectors with timeouts,
 * never a shell) and its {@link io.hpcha.spi.LocalCommandRunner}, the injected time helpers
 * {@link io.hpcha.spi.Sleeper} and {@link io.hpcha.spi.Await}, and named provider discovery through
 * {@link io.hpcha.spi.Providers}.
 */
package io.hpcha.spi;
