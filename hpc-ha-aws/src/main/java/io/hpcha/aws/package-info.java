/**
 * The AWS backend: EC2 floating addresses ({@link io.hpcha.aws.AwsSecondaryIpAddress},
 * {@link io.hpcha.aws.AwsOverlayIpAddress}), the EC2 compute fleet
 * ({@link io.hpcha.aws.Ec2ComputeFleet}) and its status probe ({@link io.hpcha.aws.Ec2StatusProbe}),
 * the instance's own identity over IMDSv2 ({@link io.hpcha.aws.InstanceIdentity}), a leadership lease
 * on DynamoDB ({@link io.hpcha.aws.DynamoDbLease}), and the
 * ServiceLoader providers ({@code aws-secondary-ip}, {@code aws-overlay-ip}, {@code ec2},
 * {@code ec2-status}, {@code dynamodb}).
 *
 * <p>Every EC2 and DynamoDB call is made with {@link io.hpcha.aws.AwsCallSettings} (the SDK's retry
 * strategy and timeouts, applied per request) and every failure is mapped by one piece of code to the hpc-ha
 * exception hierarchy: throttling, 5xx and timeouts are {@link io.hpcha.BackendUnavailableException},
 * {@code UnauthorizedOperation} is an {@link io.hpcha.OperationRefusedException} naming the IAM action,
 * {@code *.NotFound} is a {@link io.hpcha.NotFoundException}, missing capacity is an
 * {@link io.hpcha.aws.InsufficientCapacityException}. Prerequisites and IAM policies: docs/aws.md.
 */
package io.hpcha.aws;
