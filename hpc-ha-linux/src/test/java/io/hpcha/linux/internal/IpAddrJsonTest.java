package io.hpcha.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.UnexpectedOutputException;
import io.hpcha.linux.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAddrJsonTest {
    @Test
    void readsEveryAddressOfEveryInterfaceInOrder() {
        List<AddressEntry> entries = IpAddrJson.parse(Fixtures.ipJson("ctl1-holding-labelled"));

        assertThat(entries).containsExactly(
                new AddressEntry("lo", "inet", "127.0.0.1", 8, "lo"),
                new AddressEntry("lo", "inet6", "::1", 128, ""),
                new AddressEntry("eth0", "inet", "10.213.0.11", 24, "eth0"),
                new AddressEntry("eth0", "inet", "10.213.0.100", 24, "eth0:ha"),
                new AddressEntry("eth0", "inet6", "fe80::2cfa:40ff:fe40:355e", 64, ""));
    }

    @Test
    void keepsTwoPlacementsOfOneAddressApart() {
        List<AddressEntry> floating = IpAddrJson.parse(Fixtures.ipJson("ctl1-holding-two-prefixes")).stream()
                .filter(e -> e.isIpv4("10.213.0.100")).toList();

        assertThat(floating).extracting(AddressEntry::cidr).containsExactly("10.213.0.100/32", "10.213.0.100/24");
        assertThat(floating).extracting(AddressEntry::label).containsExactly("eth0", "eth0:ha");
        assertThat(floating.get(1)).hasToString("10.213.0.100/24 dev eth0 label eth0:ha");
        assertThat(floating.get(0)).hasToString("10.213.0.100/32 dev eth0");
    }

    @Test
    void anInterfaceWithoutAddressesAndADownInterfaceStillParse() {
        assertThat(IpAddrJson.parse(Fixtures.ipJson("host"))).extracting(AddressEntry::interfaceName)
                .doesNotContain("ifb0", "ifb1").contains("eth0", "hslurm0");
        assertThat(IpAddrJson.parse(Fixtures.ipJson("ctl1-interface-down")))
                .contains(new AddressEntry("eth0", "inet", "10.213.0.11", 24, "eth0"));
        assertThat(IpAddrJson.parse(Fixtures.ipJson("bridge-namespace")))
                .filteredOn(e -> e.family().equals("inet")).containsExactly(new AddressEntry("lo", "inet", "127.0.0.1", 8, "lo"));
    }

    @Test
    void anEmptyListIsNoAddresses() {
        assertThat(IpAddrJson.parse("[]")).isEmpty();
        assertThat(IpAddrJson.parse("[{\"ifindex\":1,\"ifname\":\"eth0\",\"addr_info\":[]}]")).isEmpty();
    }

    @Test
    void isIpv4MatchesOnlyTheWholeAddressOfFamilyInet() {
        AddressEntry entry = new AddressEntry("eth0", "inet", "10.213.0.100", 24, "eth0");
        assertThat(entry.isIpv4("10.213.0.100")).isTrue();
        assertThat(entry.isIpv4("10.213.0.10")).isFalse();
        assertThat(new AddressEntry("eth0", "inet6", "10.213.0.100", 24, "").isIpv4("10.213.0.100")).isFalse();
    }

    @Test
    void outputThatIsNotJsonIsUnexpectedAndQuoted() {
        String usage = Fixtures.ipError("show-no-device");
        assertThatThrownBy(() -> IpAddrJson.parse(usage)).isInstanceOfSatisfying(UnexpectedOutputException.class,
                e -> assertThat(e.excerpt()).contains("does not exist")).hasMessageContaining("not JSON");
    }

    @Test
    void jsonOfAnotherShapeIsUnexpected() {
        assertThatThrownBy(() -> IpAddrJson.parse("{\"ifname\":\"eth0\"}")).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> IpAddrJson.parse("")).isInstanceOf(UnexpectedOutputException.class);
        assertThatThrownBy(() -> IpAddrJson.parse("[{\"ifindex\":1}]")).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("'ifname'");
        assertThatThrownBy(() -> IpAddrJson.parse("[{\"ifname\":\"eth0\"}]")).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("no addr_info array");
        assertThatThrownBy(() -> IpAddrJson.parse(
                "[{\"ifname\":\"eth0\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.0.0.1\",\"prefixlen\":\"24\"}]}]"))
                .isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("prefixlen");
        assertThatThrownBy(() -> IpAddrJson.parse(
                "[{\"ifname\":\"eth0\",\"addr_info\":[{\"family\":\"inet\",\"prefixlen\":24}]}]"))
                .isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("'local'");
        assertThatThrownBy(() -> IpAddrJson.parse(
                "[{\"ifname\":\"eth0\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.0.0.1\",\"prefixlen\":24,\"label\":7}]}]"))
                .isInstanceOf(UnexpectedOutputException.class).hasMessageContaining("label");
    }
}
