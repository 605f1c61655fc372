/**
 * {@code hpc-ha demo}: both reference playbooks on an embedded, simulated cluster built from the
 * testkit's fakes, on a manual clock, printing a timeline with simulated elapsed times.
 */
package io.hpcha.examples.demo;
