package io.hpcha.aws.internal;

import io.hpcha.BackendUnavailableException;
import io.hpcha.HaException;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import io.hpcha.UnexpectedOutputException;
import io.hpcha.aws.InsufficientCapacityException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where an AWS SDK failure becomes an hpc-ha exception, for every class of this module
 * and both services it calls ({@link #EC2}, {@link #DYNAMODB}). Called only after the SDK's own retry
 * strategy gave up; nothing retries on top of it. The rules are shared, only the error codes differ:
 *
 * <ul>
 *   <li>throttling ({@code RequestLimitExceeded}, {@code ProvisionedThroughputExceededException}…), 5xx,
 *       timeouts, I/O failures → {@link BackendUnavailableException}</li>
 *   <li>missing permission or rejected credentials ({@code UnauthorizedOperation}, {@code AuthFailure},
 *       {@code AccessDeniedException}…) → {@link OperationRefusedException} naming the IAM action</li>
 *   <li>{@code *.NotFound} (and EC2's odd {@code *.NotFoundException}), DynamoDB's
 *       {@code ResourceNotFoundException} → {@link NotFoundException}</li>
 *   <li>{@code InsufficientInstanceCapacity} and relatives → {@link InsufficientCapacityException} (retryable)</li>
 *   <li>any other error code → {@link OperationRefusedException} with that code (not retryable)</li>
 *   <li>a response the SDK could not read → {@link UnexpectedOutputException}</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class AwsErrors {
    /** EC2's error codes (Query API), IAM actions {@code ec2:<Action>}. */
    public static final AwsErrors EC2 = new AwsErrors("EC2", "ec2",
            Set.of("UnauthorizedOperation"),
            Set.of("AuthFailure"),
            code -> code.endsWith(".NotFound") || code.endsWith(".NotFoundException"),
            Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled"),
            Set.of("InsufficientInstanceCapacity", "InsufficientCapacity", "InsufficientHostCapacity",
                    "InsufficientReservedInstanceCapacity", "InsufficientAddressCapacity"),
            Set.of("InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable"));

    /** DynamoDB's error codes (JSON API), IAM actions {@code dynamodb:<Action>}. */
    public static final AwsErrors DYNAMODB = new AwsErrors("DynamoDB", "dynamodb",
            Set.of("AccessDeniedException"),
            Set.of("UnrecognizedClientException", "InvalidSignatureException", "MissingAuthenticationTokenException",
                    "ExpiredTokenException", "IncompleteSignatureException"),
            code -> code.equals("ResourceNotFoundException"),
            Set.of("ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
                    "LimitExceededException"),
            Set.of(),
            Set.of("InternalServerError", "InternalFailure", "ServiceUnavailable"));

    private final String service;
    private final String iamPrefix;
    private final Set<String> permissionCodes;
    private final Set<String> credentialCodes;
    private final Predicate<String> notFound;
    private final Set<String> throttling;
    private final Set<String> capacity;
    private final Set<String> unavailable;

    private AwsErrors(String service, String iamPrefix, Set<String> permissionCodes, Set<String> credentialCodes,
            Predicate<String> notFound, Set<String> throttling, Set<String> capacity, Set<String> unavailable) {
        this.service = service;
        this.iamPrefix = iamPrefix;
        this.permissionCodes = permissionCodes;
        this.credentialCodes = credentialCodes;
        this.notFound = notFound;
        this.throttling = throttling;
        this.capacity = capacity;
        this.unavailable = unavailable;
    }

    /** Maps {@code e}, raised by the API action {@code action} (for example {@code "ReplaceRoute"}). */
    public HaException map(String action, SdkException e) {
        return map(action, "", e);
    }

    /**
     * Maps {@code e}, raised by {@code action}; {@code about} (for example {@code " on table hpc-ha-leases"})
     * follows the action's name in the message.
     */
    public HaException map(String action, String about, SdkException e) {
        String what = service + " " + action + about;
        if (e instanceof AwsServiceException ase) {
            return mapService(action, action + about, ase);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new BackendUnavailableException(what + " did not complete within the API call timeout: " + e.getMessage(), e);
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return new BackendUnavailableException(what + ": attempt timed out: " + e.getMessage(), e);
        }
        if (e instanceof AbortedException) {
            return new BackendUnavailableException(what + " was aborted (interrupted?): " + e.getMessage(), e);
        }
        String text = String.valueOf(e.getMessage());
        if (e instanceof SdkClientException && !causedByNetwork(e) && text.toLowerCase(Locale.ROOT).contains("unmarshall")) {
            return new UnexpectedOutputException(what + " answered something the SDK could not read", text, e);
        }
        return new BackendUnavailableException("could not reach " + service + " for " + action + about + ": " + text, e);
    }

    private HaException mapService(String action, String actionAbout, AwsServiceException e) {
        String what = service + " " + actionAbout;
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : details.errorCode();
        String message = details == null || details.errorMessage() == null ? String.valueOf(e.getMessage())
                : details.errorMessage();
        int status = e.statusCode();
        String said = code + ": " + message + " (HTTP " + status + requestId(e) + ")";
        String iamAction = iamPrefix + ":" + action;

        if (permissionCodes.contains(code)) {
            return new OperationRefusedException(code, service + " refused " + actionAbout + ": the caller lacks the IAM permission "
                    + iamAction + " on the resources involved; " + said, false, e);
        }
        if (credentialCodes.contains(code)) {
            return new OperationRefusedException(code, service + " did not accept the credentials for " + actionAbout
                    + " (IAM action " + iamAction + "): " + said, false, e);
        }
        if (notFound.test(code)) {
            return new NotFoundException(what + ": " + said, e);
        }
        if (capacity.contains(code)) {
            return new InsufficientCapacityException(code, what + " has no capacity now: " + said, e);
        }
        if (throttling.contains(code) || e.isThrottlingException()) {
            return new BackendUnavailableException(service + " throttled " + actionAbout + " (retries exhausted): " + said, e);
        }
        if (unavailable.contains(code) || status >= 500) {
            return new BackendUnavailableException(service + " failed " + actionAbout + " (retries exhausted): " + said, e);
        }
        if (code.isEmpty()) {
            String raw = details == null || details.rawResponse() == null ? "" : details.rawResponse().asUtf8String();
            return new UnexpectedOutputException(what + " failed with HTTP " + status
                    + " and no error code the SDK could read", raw, e);
        }
        return new OperationRefusedException(code, service + " refused " + actionAbout + ": " + said, false, e);
    }

    private static String requestId(AwsServiceException e) {
        return e.requestId() == null ? "" : ", request " + e.requestId();
    }

    /**
     * Whether the connection failed (reset, closed early, timed out) rather than the answer being
     * unreadable: a JSON parser's exceptions are {@link IOException}s too, so the I/O type alone says nothing.
     */
    private static boolean causedByNetwork(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketException || c instanceof EOFException || c instanceof InterruptedIOException
                    || c instanceof SSLException
                    || c.getClass().getSimpleName().equals("ConnectionClosedException")) { // the HTTP client's early end of a body
                return true;
            }
        }
        return false;
    }
}
