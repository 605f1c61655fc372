package io.hpcha.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinuxNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"10.213.0.100", "192.168.1.1", "1.2.3.4", "223.255.255.254"})
    void acceptsUnicastAddresses(String address) {
        assertThat(LinuxNames.ipv4("address", address)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.1/24", "-10.0.0.1", "0.1.2.3",
            "127.0.0.1", "224.0.0.1", "255.255.255.255", "10.0.0.1 ", "::1"})
    void refusesAnythingElse(String address) {
        assertThatThrownBy(() -> LinuxNames.ipv4("address", address)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("address:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "ens5", "br-0.100", "veth_a", "abcdefghijklmno"})
    void acceptsInterfaceNames(String name) {
        assertThat(LinuxNames.interfaceName("interface", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-eth0", "eth0:ha", "eth 0", "a/b", ".", "..", "abcdefghijklmnop", "eth0;reboot"})
    void refusesOtherInterfaceNames(String name) {
        assertThatThrownBy(() -> LinuxNames.interfaceName("interface", name)).isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "eth0:ha", "eth0:1", "eth0:a.b-c_d"})
    void acceptsLabelsOfTheInterface(String label) {
        assertThat(LinuxNames.label("label", label, "eth0")).isEqualTo(label);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth1:ha", "eth0:", "eth0:ha ha", "eth0:abcdefghijk", "eth0ha"})
    void refusesOtherLabels(String label) {
        assertThatThrownBy(() -> LinuxNames.label("label", label, "eth0")).isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-n", ".hidden", "a b", "a/b", ""})
    void refusesNamespaceNamesThatAreNotPlainFileNames(String name) {
        assertThatThrownBy(() -> LinuxNames.netnsName("namespace", name)).isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-V", "ip --force", "./ip", "/usr/sbin/", "a;b"})
    void refusesProgramsThatAreNotANameOrAnAbsolutePath(String program) {
        assertThatThrownBy(() -> LinuxNames.program("ipProgram", program)).isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 33, -1})
    void refusesPrefixLengthsOutsideIpv4(int length) {
        assertThatThrownBy(() -> LinuxNames.prefixLength("prefixLength", length)).isInstanceOf(ConfigurationException.class);
    }
}
