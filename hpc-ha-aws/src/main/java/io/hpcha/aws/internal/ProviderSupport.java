package io.hpcha.aws.internal;

import io.hpcha.ConfigurationException;
import io.hpcha.NodeId;
import io.hpcha.aws.AwsCallSettings;
import io.hpcha.aws.NetworkInterfaceDirectory;
import io.hpcha.aws.TaggedNetworkInterfaces;
import io.hpcha.spi.ProviderConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * What the AWS providers share: the EC2 and DynamoDB clients and the call settings built from
 * configuration, and the node interfaces (listed or discovered). Credentials come from the SDK's
 * default chain (environment, profile, instance role; for a plain-http emulator endpoint see
 * {@link #dynamoDb}); configuration files never hold secrets.
 */
public final class ProviderSupport {
    /** Keys every AWS provider accepts. */
    public static final Set<String> CLIENT_KEYS = Set.of("provider", "region", "endpoint", "maxAttempts",
            "apiCallTimeout", "apiCallAttemptTimeout");

    /** Credentials a local emulator accepts; never valid against AWS. */
    private static final String LOCAL_ACCESS_KEY = "AKIDLOCALEMULATOR";
    private static final String LOCAL_SECRET_KEY = "local-emulator-secret";

    private ProviderSupport() {
    }

    /** {@code keys} plus {@link #CLIENT_KEYS}. */
    public static Set<String> keys(String... keys) {
        return Stream.concat(CLIENT_KEYS.stream(), Stream.of(keys)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * An EC2 client for {@code region} (or the SDK's region chain) and {@code endpoint} (or the
     * regional one), with {@code settings}' retry strategy and timeouts (every call also carries them).
     */
    public static Ec2Client ec2(ProviderConfig config, AwsCallSettings settings) {
        Ec2ClientBuilder b = Ec2Client.builder().overrideConfiguration(clientSettings(settings));
        config.optionalString("region").ifPresent(r -> b.region(Region.of(r)));
        config.optionalString("endpoint").ifPresent(e -> b.endpointOverride(uri(config, e)));
        return b.build();
    }

    /**
     * A DynamoDB client for {@code region} (or the SDK's region chain) and {@code endpoint} (or the
     * regional one), with {@code settings}' retry strategy and timeouts. A plain {@code http://} endpoint is a local emulator such as DynamoDB Local: its
     * credentials come from system properties, environment or profile if there are any, else fixed
     * dummy ones, the region is us-east-1 unless configured, and the instance metadata is never asked.
     */
    public static DynamoDbClient dynamoDb(ProviderConfig config, AwsCallSettings settings) {
        DynamoDbClientBuilder b = DynamoDbClient.builder().overrideConfiguration(clientSettings(settings));
        config.optionalString("region").ifPresent(r -> b.region(Region.of(r)));
        config.optionalString("endpoint").map(e -> uri(config, e)).ifPresent(endpoint -> {
            b.endpointOverride(endpoint);
            if (endpoint.getScheme().equalsIgnoreCase("http")) {
                if (!config.has("region")) {
                    b.region(Region.US_EAST_1); // an emulator's region only names its database; never ask the instance
                }
                b.credentialsProvider(AwsCredentialsProviderChain.of(
                        SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY))));
            }
        });
        try {
            return b.build();
        } catch (SdkClientException e) {
            throw new ConfigurationException(path(config, "region") + ": missing, and the SDK found no region in "
                    + "AWS_REGION, aws.region or the profile: " + e.getMessage(), e);
        }
    }

    private static ClientOverrideConfiguration clientSettings(AwsCallSettings settings) {
        return ClientOverrideConfiguration.builder().retryStrategy(settings.retryStrategy())
                .apiCallTimeout(settings.apiCallTimeout()).apiCallAttemptTimeout(settings.apiCallAttemptTimeout()).build();
    }

    public static AwsCallSettings callSettings(ProviderConfig config) {
        return AwsCallSettings.builder()
                .maxAttempts(config.integer("maxAttempts", AwsCallSettings.DEFAULT_MAX_ATTEMPTS))
                .apiCallTimeout(config.duration("apiCallTimeout", AwsCallSettings.DEFAULT_API_CALL_TIMEOUT))
                .apiCallAttemptTimeout(config.duration("apiCallAttemptTimeout", AwsCallSettings.DEFAULT_API_CALL_ATTEMPT_TIMEOUT))
                .build();
    }

    /**
     * The node interfaces: either {@code interfaces: {ctl1: eni-…}} or
     * {@code discover: {clusterTag: {key: …, value: …}, nodeNameTag: …, deviceIndex: 0}}.
     */
    public static NetworkInterfaceDirectory interfaces(ProviderConfig config, Ec2Client ec2, AwsCallSettings settings) {
        boolean listed = config.has("interfaces");
        boolean discovered = config.has("discover");
        if (listed == discovered) {
            throw new ConfigurationException(path(config, "interfaces") + ": give exactly one of 'interfaces' "
                    + "(node: eni-…) and 'discover' (clusterTag, nodeNameTag)");
        }
        if (listed) {
            Map<NodeId, String> map = new LinkedHashMap<>();
            config.stringMap("interfaces").forEach((node, eni) -> {
                try {
                    map.put(NodeId.of(node), eni);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(path(config, "interfaces." + node) + ": " + e.getMessage(), e);
                }
            });
            if (map.isEmpty()) {
                throw new ConfigurationException(path(config, "interfaces") + ": empty");
            }
            return NetworkInterfaceDirectory.of(map);
        }
        ProviderConfig d = config.section("discover").requireOnly(Set.of("clusterTag", "nodeNameTag", "deviceIndex"));
        ProviderConfig tag = d.section("clusterTag").requireOnly(Set.of("key", "value"));
        return TaggedNetworkInterfaces.builder().ec2(ec2).callSettings(settings)
                .clusterTag(tag.string("key"), tag.string("value"))
                .nodeNameTag(d.string("nodeNameTag"))
                .deviceIndex(d.integer("deviceIndex", 0))
                .build();
    }

    private static URI uri(ProviderConfig config, String text) {
        try {
            URI u = new URI(text);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new URISyntaxException(text, "expected scheme://host[:port]");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(path(config, "endpoint") + ": not a URI such as https://ec2.us-east-1.amazonaws.com: '"
                    + text + "'", e);
        }
    }

    /** The dotted path of {@code key} in {@code config}, as error messages name it. */
    public static String path(ProviderConfig config, String key) {
        return config.path().isEmpty() ? key : config.path() + "." + key;
    }
}
