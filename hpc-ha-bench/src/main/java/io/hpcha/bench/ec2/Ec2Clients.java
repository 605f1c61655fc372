package io.hpcha.bench.ec2;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Real AWS SDK v2 EC2 clients for a stand-in: us-east-1, static fake credentials, no retries (so counts are exact). */
public final class Ec2Clients {
    private static final AwsBasicCredentials CREDENTIALS =
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private Ec2Clients() {
    }

    public static Ec2Client forEndpoint(URI endpoint) {
        return Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
