/**
 * The on-prem Linux backend: {@link io.hpcha.linux.LinuxFloatingAddress}, a virtual IPv4 address
 * moved between hosts with {@code ip addr} and announced with gratuitous ARP (provider
 * {@code "linux-ip"}), and {@link io.hpcha.linux.NetnsCommandRunner}, which runs commands inside a
 * network namespace for tests and multi-namespace setups.
 */
package io.hpcha.linux;
