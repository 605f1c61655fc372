package io.hpcha.aws;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.FloatingAddress;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.internal.Ec2Calls;
import io.hpcha.aws.internal.Ec2Ids;
import io.hpcha.spi.Await;
import io.hpcha.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;

/**
 * A secondary private IPv4 address inside the VPC's subnet, moved between the nodes' network
 * interfaces with {@code AssignPrivateIpAddresses} and {@code AllowReassignment=true}: EC2 takes it off
 * the interface that has it and gives it to the target in one call.
 *
 * <pre>{@code
 * AwsSecondaryIpAddress.builder().ec2(ec2)
 *     .address("10.0.1.100")
 *     .networkInterface(new NodeId("ctl1"), "eni-0123456789abcdef0")
 *     .networkInterface(new NodeId("ctl2"), "eni-0fedcba9876543210")
 *     .build();
 * }</pre>
 *
 * <p>{@link #holder()} reads the known interfaces with one {@code DescribeNetworkInterfaces} call each
 * time and matches the address exactly. {@link #assignTo} writes nothing when the target already
 * holds it; otherwise it assigns, then reads back until only the target holds the address (EC2 is
 * eventually consistent) or the verify timeout passes, waiting on the injected clock and sleeper.
 * The guest OS must still bring the address up on its interface (cloud-init, ec2-net-utils or the
 * caller); this class moves it in EC2 only.
 *
 * <p>Thread-safe; moves through one instance are serialized.
 */
public final class AwsSecondaryIpAddress implements FloatingAddress {
    private static final Logger LOG = LoggerFactory.getLogger(AwsSecondaryIpAddress.class);

    private final Ec2Calls calls;
    private final String address;
    private final NetworkInterfaceDirectory directory;
    private final Await verify;
    private final Object moveLock = new Object();

    private AwsSecondaryIpAddress(Builder b) {
        if (b.ec2 == null) {
            throw new ConfigurationException("AwsSecondaryIpAddress: ec2 client missing");
        }
        if (b.address == null) {
            throw new ConfigurationException("AwsSecondaryIpAddress: address missing");
        }
        if (b.directory != null && !b.listed.isEmpty()) {
            throw new ConfigurationException("AwsSecondaryIpAddress: give networkInterface(..) entries or a directory, not both");
        }
        if (b.directory == null && b.listed.isEmpty()) {
            throw new ConfigurationException("AwsSecondaryIpAddress: no network interfaces; add networkInterface(node, eni)");
        }
        this.calls = new Ec2Calls(b.ec2, b.callSettings);
        this.address = b.address;
        this.directory = b.directory != null ? b.directory : NetworkInterfaceDirectory.of(b.listed);
        this.verify = Await.of(b.clock, b.sleeper, b.verifyTimeout, b.verifyInterval);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Optional<NodeId> holder() {
        Map<NodeId, String> interfaces = directory.interfaces();
        List<NodeId> holders = holders(interfaces);
        if (holders.size() > 1) {
            throw new UnexpectedOutputException("EC2 shows " + address + " on more than one interface", holders.toString());
        }
        return holders.stream().findFirst();
    }

    @Override
    public void assignTo(NodeId node) {
        Objects.requireNonNull(node, "node");
        synchronized (moveLock) {
            String eni = interfaceOf(node);
            Map<NodeId, String> interfaces = directory.interfaces();
            if (holders(interfaces).equals(List.of(node))) {
                LOG.debug("{} already on {} ({})", address, node, eni);
                return;
            }
            LOG.info("assigning {} to {} ({})", address, node, eni);
            calls.call("AssignPrivateIpAddresses", c -> c.ec2().assignPrivateIpAddresses(r -> r
                    .networkInterfaceId(eni).privateIpAddresses(address).allowReassignment(true)
                    .overrideConfiguration(c.override())));
            List<NodeId> last = new ArrayList<>();
            try {
                verify.until(address + " on " + node + " (" + eni + ") only", () -> {
                    last.clear();
                    last.addAll(holders(interfaces));
                    return last.equals(List.of(node));
                });
            } catch (BackendUnavailableException e) {
                throw new BackendUnavailableException(e.getMessage() + "; EC2 last showed it on " + last, e);
            }
            LOG.info("{} now on {} ({})", address, node, eni);
        }
    }

    private String interfaceOf(NodeId node) {
        String eni = directory.interfaces().get(node);
        if (eni == null) {
            directory.refresh();
            eni = directory.interfaces().get(node);
        }
        if (eni == null) {
            throw new NotFoundException("no network interface known for node " + node + "; known: "
                    + directory.interfaces().keySet());
        }
        return eni;
    }

    /** The nodes whose interface carries the address, in directory order. */
    private List<NodeId> holders(Map<NodeId, String> interfaces) {
        DescribeNetworkInterfacesResponse response = calls.call("DescribeNetworkInterfaces", c -> c.ec2()
                .describeNetworkInterfaces(r -> r.networkInterfaceIds(interfaces.values()).overrideConfiguration(c.override())));
        Map<String, NetworkInterface> byId = new LinkedHashMap<>();
        for (NetworkInterface n : response.networkInterfaces()) {
            byId.put(n.networkInterfaceId(), n);
        }
        List<NodeId> holders = new ArrayList<>();
        for (Map.Entry<NodeId, String> e : interfaces.entrySet()) {
            NetworkInterface n = byId.get(e.getValue());
            if (n == null) {
                throw new UnexpectedOutputException("DescribeNetworkInterfaces did not return " + e.getValue()
                        + " (node " + e.getKey() + ")", String.valueOf(byId.keySet()));
            }
            boolean has = n.privateIpAddresses().stream().map(NetworkInterfacePrivateIpAddress::privateIpAddress)
                    .anyMatch(address::equals);
            if (has) {
                holders.add(e.getKey());
            }
        }
        return holders;
    }

    @Override
    public String toString() {
        return "AwsSecondaryIpAddress[" + address + ", " + directory + "]";
    }

    /** Builds {@link AwsSecondaryIpAddress}; not thread-safe. */
    public static final class Builder {
        private Ec2Client ec2;
        private AwsCallSettings callSettings = AwsCallSettings.defaults();
        private String address;
        private final Map<NodeId, String> listed = new LinkedHashMap<>();
        private NetworkInterfaceDirectory directory;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Duration verifyTimeout = Duration.ofSeconds(30);
        private Duration verifyInterval = Duration.ofSeconds(1);

        private Builder() {
        }

        public Builder ec2(Ec2Client ec2) {
            this.ec2 = Objects.requireNonNull(ec2, "ec2");
            return this;
        }

        /** Retry strategy and timeouts of every EC2 call; {@link AwsCallSettings#defaults()} unless told otherwise. */
        public Builder callSettings(AwsCallSettings callSettings) {
            this.callSettings = Objects.requireNonNull(callSettings, "callSettings");
            return this;
        }

        /** The secondary private IPv4 address, inside the interfaces' subnet. */
        public Builder address(String address) {
            this.address = Ec2Ids.ipv4("address", address);
            return this;
        }

        /** The interface {@code node} receives the address on. */
        public Builder networkInterface(NodeId node, String eni) {
            Objects.requireNonNull(node, "node");
            Ec2Ids.networkInterfaceId("network interface of " + node, eni);
            listed.put(node, eni);
            return this;
        }

        /** Node interfaces from a directory, for example {@link TaggedNetworkInterfaces}, instead of listed ones. */
        public Builder networkInterfaces(NetworkInterfaceDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** How long {@link #assignTo} reads back before it gives up; 30 s unless told otherwise. */
        public Builder verifyTimeout(Duration timeout) {
            this.verifyTimeout = Objects.requireNonNull(timeout, "verifyTimeout");
            return this;
        }

        /** How often EC2 is read back while verifying; 1 s unless told otherwise. */
        public Builder verifyInterval(Duration interval) {
            this.verifyInterval = Objects.requireNonNull(interval, "verifyInterval");
            return this;
        }

        public AwsSecondaryIpAddress build() {
            return new AwsSecondaryIpAddress(this);
        }
    }
}
