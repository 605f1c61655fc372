package io.hpcha.aws;

import io.hpcha.BackendUnavailableException;
import io.hpcha.UnexpectedOutputException;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/**
 * Who this EC2 instance is, read from the instance metadata service with IMDSv2 only (a session
 * token obtained with {@code PUT /latest/api/token}, then each read with that token): the SDK's
 * {@link Ec2MetadataClient} never falls back to the token-less IMDSv1.
 *
 * <p>A controller finds its own node name with
 * {@code directory.nodeOf(InstanceIdentity.fromImds(imds).primaryNetworkInterface())}.
 *
 * @param instanceId              {@code i-…}
 * @param region                  {@code us-east-1}
 * @param availabilityZone        {@code us-east-1a}
 * @param primaryNetworkInterface the ENI id of the primary interface ({@code eni-…})
 */
public record InstanceIdentity(String instanceId, String region, String availabilityZone, String primaryNetworkInterface) {
    private static final Pattern INSTANCE = Pattern.compile("i-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern ENI = Pattern.compile("eni-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]+");
    private static final Pattern ZONE = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]+[a-z]");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(?::[0-9a-f]{2}){5}");

    public InstanceIdentity {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        Objects.requireNonNull(primaryNetworkInterface, "primaryNetworkInterface");
    }

    /**
     * Reads the identity through {@code imds} (built by the caller, for example
     * {@code Ec2MetadataClient.create()}, which also honours {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}).
     *
     * @throws BackendUnavailableException when the metadata service cannot be reached (not on EC2, hop limit too low)
     * @throws UnexpectedOutputException   when it answers something that is not the expected value
     */
    public static InstanceIdentity fromImds(Ec2MetadataClient imds) {
        Objects.requireNonNull(imds, "imds");
        String instanceId = read(imds, "/latest/meta-data/instance-id", INSTANCE);
        String region = read(imds, "/latest/meta-data/placement/region", REGION);
        String zone = read(imds, "/latest/meta-data/placement/availability-zone", ZONE);
        String mac = read(imds, "/latest/meta-data/mac", MAC);
        String eni = read(imds, "/latest/meta-data/network/interfaces/macs/" + mac + "/interface-id", ENI);
        return new InstanceIdentity(instanceId, region, zone, eni);
    }

    private static String read(Ec2MetadataClient imds, String path, Pattern expected) {
        String value;
        try {
            value = imds.get(path).asString().trim();
        } catch (SdkException e) {
            throw new BackendUnavailableException("could not read " + path + " from the instance metadata service"
                    + " (IMDSv2): " + e.getMessage(), e);
        }
        if (!expected.matcher(value).matches()) {
            throw new UnexpectedOutputException("instance metadata " + path + " is not what was expected", value);
        }
        return value;
    }
}
