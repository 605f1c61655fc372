package io.hpcha.aws;

import io.hpcha.BackendUnavailableException;
import io.hpcha.ConfigurationException;
import io.hpcha.Lease;
import io.hpcha.Leadership;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.OperationRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A {@link Lease} kept as one DynamoDB item, changed only by conditional writes, so that the
 * table itself decides every race.
 *
 * <p>The item ({@code lease} = the lease's name) holds {@code holder}, {@code expiresAt} (epoch
 * milliseconds) and {@code token}. The token is never deleted: {@link #release} removes the holder
 * but keeps the token, so the next grant's token is higher than every earlier one. A holder that
 * acquires again while its grant is still valid renews it and keeps its token.
 *
 * <ul>
 *   <li>{@code tryAcquire}: succeeds if the item is absent, has no holder, has expired, or is held by
 *       the same candidate; a takeover increments the token in the same write.</li>
 *   <li>{@code renew}: succeeds only while the item still names this holder and token and has not
 *       expired: a holder that let its grant lapse must acquire again (and gets a new token).</li>
 *   <li>{@code release}: only by the holder with the current token; otherwise nothing happens.</li>
 * </ul>
 *
 * <p><b>Clocks.</b> Expiry is written from the acquiring node's clock and compared against the
 * contender's clock, so the two nodes' clock offset matters. With offset at most {@code skew}, a
 * holder must stop acting at {@code expiresAt - skew} ({@link #mustStopActingAt}); contenders take
 * over at {@code expiresAt} by their own clock. Keep {@code skew} well above what NTP/chrony achieves
 * on EC2 (typically well under 10 ms with the Amazon Time Sync Service); the default is 2 s.
 *
 * <p>Thread-safe; every method is one DynamoDB call.
 */
public final class DynamoDbLease implements Lease {
    private static final Logger log = LoggerFactory.getLogger(DynamoDbLease.class);
    private static final Pattern LEASE_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    static final String KEY = "lease";
    static final String HOLDER = "holder";
    static final String EXPIRES_AT = "expiresAt";
    static final String TOKEN = "token";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String name;
    private final Duration ttl;
    private final Duration skew;
    private final Clock clock;

    private DynamoDbLease(Builder b) {
        this.dynamo = require(b.dynamo, "dynamoDb");
        this.table = require(b.table, "table");
        this.name = require(b.name, "name");
        this.ttl = require(b.ttl, "ttl");
        this.skew = require(b.skew, "clockSkew");
        this.clock = require(b.clock, "clock");
        if (!LEASE_NAME.matcher(name).matches()) {
            throw new ConfigurationException("lease name '" + name + "' must be 1-255 of [A-Za-z0-9._:-]");
        }
        if (ttl.compareTo(skew.multipliedBy(2)) <= 0) {
            throw new ConfigurationException("lease ttl " + ttl + " must exceed twice the clock skew " + skew);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The lease's name: the item's key. */
    public String name() {
        return name;
    }

    /** When the holder of {@code leadership} must stop acting: its expiry less the clock-skew margin. */
    public Instant mustStopActingAt(Leadership leadership) {
        return leadership.expiresAt().minus(skew);
    }

    @Override
    public Optional<Leadership> tryAcquire(NodeId candidate) {
        Objects.requireNonNull(candidate, "candidate");
        long now = clock.millis();
        long expires = now + ttl.toMillis();
        // 1. our own, still valid grant: extend it, keep the token
        Optional<Leadership> renewed = conditionalUpdate(
                "SET #exp = :exp",
                "#holder = :me AND #exp > :now",
                Map.of(":me", s(candidate.value()), ":exp", n(expires), ":now", n(now)));
        if (renewed.isPresent()) {
            return renewed;
        }
        // 2. free, released or expired: take it with the next token
        Optional<Leadership> taken = conditionalUpdate(
                "SET #holder = :me, #exp = :exp, #token = if_not_exists(#token, :zero) + :one",
                "attribute_not_exists(#key) OR attribute_not_exists(#holder) OR #exp <= :now",
                Map.of(":me", s(candidate.value()), ":exp", n(expires), ":now", n(now), ":zero", n(0), ":one", n(1)));
        taken.ifPresent(l -> log.info("lease {} acquired by {} with fencing token {} until {}",
                name, l.holder(), l.fencingToken(), l.expiresAt()));
        return taken;
    }

    @Override
    public boolean renew(Leadership leadership) {
        checkOurs(leadership);
        long now = clock.millis();
        return conditionalUpdate(
                "SET #exp = :exp",
                "#holder = :me AND #token = :token AND #exp > :now",
                Map.of(":me", s(leadership.holder().value()), ":token", n(leadership.fencingToken()),
                        ":exp", n(now + ttl.toMillis()), ":now", n(now)))
                .isPresent();
    }

    @Override
    public void release(Leadership leadership) {
        checkOurs(leadership);
        boolean released = conditionalUpdate(
                "REMOVE #holder SET #exp = :zero",
                "#holder = :me AND #token = :token",
                Map.of(":me", s(leadership.holder().value()), ":token", n(leadership.fencingToken()), ":zero", n(0)))
                .isPresent();
        if (released) {
            log.info("lease {} released by {} (token {})", name, leadership.holder(), leadership.fencingToken());
        }
    }

    /** One conditional UpdateItem; empty when the condition did not hold. */
    private Optional<Leadership> conditionalUpdate(String update, String condition, Map<String, AttributeValue> values) {
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(table)
                .key(Map.of(KEY, s(name)))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(names(update + " " + condition))
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .build();
        try {
            UpdateItemResponse response = dynamo.updateItem(request);
            return Optional.ofNullable(toLeadership(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException("DynamoDB table '" + table + "' does not exist (lease " + name + ")", e);
        } catch (DynamoDbException e) {
            throw DynamoDbErrors.map(e, "UpdateItem on " + table);
        } catch (SdkClientException e) {
            throw new BackendUnavailableException("DynamoDB unreachable for lease " + name + ": " + e.getMessage(), e);
        }
    }

    private Leadership toLeadership(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(HOLDER)) {
            return null; // a release returns the item without a holder
        }
        return new Leadership(name, NodeId.of(item.get(HOLDER).s()),
                Long.parseLong(item.get(TOKEN).n()), Instant.ofEpochMilli(Long.parseLong(item.get(EXPIRES_AT).n())));
    }

    private void checkOurs(Leadership leadership) {
        if (!leadership.lease().equals(name)) {
            throw new IllegalArgumentException("leadership of lease '" + leadership.lease() + "' passed to lease '" + name + "'");
        }
    }

    /** Only the placeholders an expression uses may be declared, or DynamoDB rejects the request. */
    private static Map<String, String> names(String expressions) {
        Map<String, String> all = Map.of("#key", KEY, "#holder", HOLDER, "#exp", EXPIRES_AT, "#token", TOKEN);
        java.util.HashMap<String, String> used = new java.util.HashMap<>();
        all.forEach((placeholder, attribute) -> {
            if (expressions.contains(placeholder)) {
                used.put(placeholder, attribute);
            }
        });
        return used;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new ConfigurationException("DynamoDbLease: " + what + " is required");
        }
        return value;
    }

    /** Builds a {@link DynamoDbLease}. Not thread-safe. */
    public static final class Builder {
        private DynamoDbClient dynamo;
        private String table;
        private String name;
        private Duration ttl = Duration.ofSeconds(15);
        private Duration skew = Duration.ofSeconds(2);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The client; configure its retry strategy and call timeouts there. Required. */
        public Builder dynamoDb(DynamoDbClient client) {
            this.dynamo = client;
            return this;
        }

        /** The table, whose partition key is the string attribute {@code lease}. Required. */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** The lease's name, e.g. {@code "slurm-controller"}. Required. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** How long a grant lasts without renewal. Default 15 s. */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** The largest clock offset assumed between nodes. Default 2 s. */
        public Builder clockSkew(Duration skew) {
            this.skew = skew;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public DynamoDbLease build() {
            return new DynamoDbLease(this);
        }
    }

    /** Maps DynamoDB's error codes to the library's exceptions. */
    static final class DynamoDbErrors {
        private DynamoDbErrors() {
        }

        static RuntimeException map(DynamoDbException e, String operation) {
            String code = e.awsErrorDetails() == null ? "" : Objects.requireNonNullElse(e.awsErrorDetails().errorCode(), "");
            String message = operation + " failed: " + code + " " + Objects.requireNonNullElse(e.getMessage(), "");
            if (e.isThrottlingException() || e.statusCode() >= 500 || code.equals("ProvisionedThroughputExceededException")
                    || code.equals("RequestLimitExceeded") || code.equals("ThrottlingException")) {
                return new BackendUnavailableException(message, e);
            }
            if (code.equals("AccessDeniedException") || code.equals("UnrecognizedClientException")) {
                return new OperationRefusedException(code, message + " (the IAM policy needs dynamodb:UpdateItem on the table)", false, e);
            }
            return new OperationRefusedException(code, message, false, e);
        }
    }
}
