/**
 * The runnable example daemons, one jar: {@code java -jar hpc-ha.jar recovery-agent | controller-failover | demo}.
 * They show how the policy building blocks and the backends fit together; backends are found by
 * provider name from a YAML configuration.
 */
package io.hpcha.examples;
