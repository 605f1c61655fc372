/**
 * JMH micro benchmarks of the hot paths of one pass: reading {@code sinfo --json}, hostlist
 * expressions, and the recovery decider. Run by {@code scripts/bench.sh} (or
 * {@code java -cp … org.openjdk.jmh.Main io.hpcha.bench.jmh}); never by the build.
 */
package io.hpcha.bench.jmh;
