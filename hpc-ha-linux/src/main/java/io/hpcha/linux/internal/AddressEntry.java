package io.hpcha.linux.internal;

import java.util.Objects;

/**
 * One address on one interface, as {@code ip -json addr show} lists it.
 *
 * @param interfaceName the interface ({@code ifname})
 * @param family        {@code inet}, {@code inet6} or another family iproute2 names
 * @param local         the address itself ({@code local})
 * @param prefixLength  its prefix length ({@code prefixlen})
 * @param label         its IPv4 label, or empty when iproute2 shows none (IPv6)
 */
public record AddressEntry(String interfaceName, String family, String local, int prefixLength, String label) {
    public AddressEntry {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(label, "label");
    }

    /** Whether this is the IPv4 address {@code address}. */
    public boolean isIpv4(String address) {
        return family.equals("inet") && local.equals(address);
    }

    /** {@code address/prefix}, as {@code ip addr add|del} takes it. */
    public String cidr() {
        return local + "/" + prefixLength;
    }

    @Override
    public String toString() {
        return cidr() + " dev " + interfaceName + (label.isEmpty() || label.equals(interfaceName) ? "" : " label " + label);
    }
}
