/** What the daemons expose for operations: Micrometer metrics with a Prometheus scrape endpoint, and the log format. */
package io.hpcha.examples.observability;
