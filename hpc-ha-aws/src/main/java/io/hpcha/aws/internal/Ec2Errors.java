package io.hpcha.aws.internal;

import io.hpcha.BackendUnavailableException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.InsufficientCapacityException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where an AWS SDK failure becomes an hpc-ha exception, for every class of this module.
 * Called only after the SDK's own retry strategy gave up.
 *
 * <ul>
 *   <li>throttling ({@code RequestLimitExceeded}), 5xx, timeouts, I/O failures → {@link BackendUnavailableException}</li>
 *   <li>{@code UnauthorizedOperation}, {@code AuthFailure} → {@link OperationRefusedException} naming the IAM action</li>
 *   <li>{@code *.NotFound} (and EC2's odd {@code *.NotFoundException}) → {@link NotFoundException}</li>
 *   <li>{@code InsufficientInstanceCapacity} and relatives → {@link InsufficientCapacityException} (retryable)</li>
 *   <li>any other EC2 error code → {@link OperationRefusedException} with that code (not retryable)</li>
 *   <li>a response the SDK could not read → {@link UnexpectedOutputException}</li>
 * </ul>
 */
public final class Ec2Errors {
    private static final Set<String> THROTTLING = Set.of(
            "RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled",
            "TooManyRequestsException", "SlowDown");
    private static final Set<String> CAPACITY = Set.of(
            "InsufficientInstanceCapacity", "InsufficientCapacity", "InsufficientHostCapacity",
            "InsufficientReservedInstanceCapacity", "InsufficientAddressCapacity");
    private static final Set<String> UNAVAILABLE = Set.of(
            "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable");

    private Ec2Errors() {
    }

    /**
     * Maps {@code e}, raised by the EC2 API action {@code action} (for example {@code "ReplaceRoute"}).
     */
    public static HaException map(String action, SdkException e) {
        String iamAction = "ec2:" + action;
        if (e instanceof AwsServiceException ase) {
            return mapService(action, iamAction, ase);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new BackendUnavailableException("EC2 " + action + " did not complete within the API call timeout: "
                    + e.getMessage(), e);
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return new BackendUnavailableException("EC2 " + action + " attempt timed out: " + e.getMessage(), e);
        }
        if (e instanceof AbortedException) {
            return new BackendUnavailableException("EC2 " + action + " was aborted (interrupted?): " + e.getMessage(), e);
        }
        String text = String.valueOf(e.getMessage());
        if (e instanceof SdkClientException && !causedByIo(e) && text.toLowerCase(Locale.ROOT).contains("unmarshall")) {
            return new UnexpectedOutputException("EC2 " + action + " answered something the SDK could not read", text, e);
        }
        return new BackendUnavailableException("could not reach EC2 for " + action + ": " + text, e);
    }

    private static HaException mapService(String action, String iamAction, AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : details.errorCode();
        String message = details == null || details.errorMessage() == null ? String.valueOf(e.getMessage())
                : details.errorMessage();
        int status = e.statusCode();
        String said = code + ": " + message + " (HTTP " + status + requestId(e) + ")";

        if (code.equals("UnauthorizedOperation")) {
            return new OperationRefusedException(code, "EC2 refused " + action + ": the caller lacks the IAM permission "
                    + iamAction + " on the resources involved; " + said, false, e);
        }
        if (code.equals("AuthFailure")) {
            return new OperationRefusedException(code, "EC2 did not accept the credentials for " + action
                    + " (IAM action " + iamAction + "): " + said, false, e);
        }
        if (code.endsWith(".NotFound") || code.endsWith(".NotFoundException")) {
            return new NotFoundException("EC2 " + action + ": " + said, e);
        }
        if (CAPACITY.contains(code)) {
            return new InsufficientCapacityException(code, "EC2 " + action + " has no capacity now: " + said, e);
        }
        if (THROTTLING.contains(code) || e.isThrottlingException()) {
            return new BackendUnavailableException("EC2 throttled " + action + " (retries exhausted): " + said, e);
        }
        if (UNAVAILABLE.contains(code) || status >= 500) {
            return new BackendUnavailableException("EC2 failed " + action + " (retries exhausted): " + said, e);
        }
        if (code.isEmpty()) {
            String raw = details == null || details.rawResponse() == null ? "" : details.rawResponse().asUtf8String();
            return new UnexpectedOutputException("EC2 " + action + " failed with HTTP " + status
                    + " and no error code the SDK could read", raw, e);
        }
        return new OperationRefusedException(code, "EC2 refused " + action + ": " + said, false, e);
    }

    private static String requestId(AwsServiceException e) {
        return e.requestId() == null ? "" : ", request " + e.requestId();
    }

    private static boolean causedByIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
