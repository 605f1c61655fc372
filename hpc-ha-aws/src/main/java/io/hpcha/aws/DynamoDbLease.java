package io.hpcha.aws;

import io.hpcha.ConfigurationException;
import io.hpcha.Lease;
import io.hpcha.Leadership;
import io.hpcha.NodeId;
import io.hpcha.aws.internal.AwsErrors;
import io.hpcha.aws.internal.AwsRequestOverrides;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
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
 * <p>Every call carries {@link AwsCallSettings} (by default 3 attempts, 5 s per call, 2 s per attempt),
 * the SDK being the only retry layer; failures are mapped like EC2's: throttling and 5xx are
 * {@link io.hpcha.BackendUnavailableException}, {@code AccessDeniedException} an
 * {@link io.hpcha.OperationRefusedException} naming {@code dynamodb:UpdateItem}, a missing table a
 * {@link io.hpcha.NotFoundException}. A failed condition is no error: the lease was not granted.
 *
 * <p>Thread-safe. {@code renew} and {@code release} are one conditional {@code UpdateItem} each,
 * {@code tryAcquire} at most two; each is idempotent for the same holder and token.
 */
public final class DynamoDbLease implements Lease {
    private static final Logger log = LoggerFactory.getLogger(DynamoDbLease.class);
    private static final Pattern LEASE_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,255}");
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9._-]{3,255}");

    private static final AwsCallSettings DEFAULT_CALL_SETTINGS = AwsCallSettings.builder()
            .maxAttempts(3).apiCallTimeout(Duration.ofSeconds(5)).apiCallAttemptTimeout(Duration.ofSeconds(2)).build();

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
    private final AwsCallSettings callSettings;
    private final AwsRequestOverrideConfiguration override;

    private DynamoDbLease(Builder b) {
        this.dynamo = require(b.dynamo, "dynamoDb");
        this.table = require(b.table, "table");
        this.name = require(b.name, "name");
        this.ttl = require(b.ttl, "ttl");
        this.skew = require(b.skew, "clockSkew");
        this.clock = require(b.clock, "clock");
        this.callSettings = require(b.callSettings, "callSettings");
        this.override = AwsRequestOverrides.of(callSettings);
        if (!isValidTableName(table)) {
            throw new ConfigurationException("DynamoDB table name '" + table + "' must be 3-255 of [A-Za-z0-9._-]");
        }
        if (!isValidName(name)) {
            throw new ConfigurationException("lease name '" + name + "' must be 1-255 of [A-Za-z0-9._:-]");
        }
        if (ttl.compareTo(skew.multipliedBy(2)) <= 0) {
            throw new ConfigurationException("lease ttl " + ttl + " must exceed twice the clock skew " + skew);
        }
        if (callSettings.apiCallTimeout().compareTo(ttl) >= 0) {
            throw new ConfigurationException("apiCallTimeout " + callSettings.apiCallTimeout()
                    + " must be shorter than the lease ttl " + ttl + ": a renewal must be able to fail in time");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The call settings a lease uses unless told otherwise: the SDK's standard retry strategy with 3
     * attempts, 5 s per call and 2 s per attempt, so a renewal fails well inside a grant.
     */
    public static AwsCallSettings defaultCallSettings() {
        return DEFAULT_CALL_SETTINGS;
    }

    /**
     * Creates the lease table {@code table} (partition key: the string attribute {@code lease},
     * on-demand capacity) unless it exists, and returns once it is active. For set-up and tests;
     * daemons expect the table to exist. Needs {@code dynamodb:CreateTable} and {@code dynamodb:DescribeTable}.
     */
    public static void createTable(DynamoDbClient client, String table) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(table, "table");
        try {
            client.createTable(b -> b.tableName(table)
                    .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY).attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        } catch (ResourceInUseException e) {
            log.debug("lease table {} exists already", table);
        } catch (SdkException e) {
            throw AwsErrors.DYNAMODB.map("CreateTable", e);
        }
        try {
            client.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (SdkException e) {
            throw AwsErrors.DYNAMODB.map("DescribeTable", e);
        }
    }

    /** Whether {@code name} may name a lease: 1-255 of {@code [A-Za-z0-9._:-]}. */
    public static boolean isValidName(String name) {
        return name != null && LEASE_NAME.matcher(name).matches();
    }

    /** Whether DynamoDB accepts {@code table} as a table name: 3-255 of {@code [A-Za-z0-9._-]}. */
    public static boolean isValidTableName(String table) {
        return table != null && TABLE_NAME.matcher(table).matches();
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
                .overrideConfiguration(override)
                .build();
        try {
            UpdateItemResponse response = dynamo.updateItem(request);
            return Optional.ofNullable(toLeadership(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.DYNAMODB.map("UpdateItem", " on table " + table + " (lease " + name + ")", e);
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
        private AwsCallSettings callSettings = DEFAULT_CALL_SETTINGS;

        private Builder() {
        }

        /** The client. Its retry strategy and timeouts are replaced per request by {@link #callSettings}. Required. */
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

        /**
         * The SDK retry strategy and timeouts of every call; {@link #defaultCallSettings()} unless set.
         * The call timeout must be shorter than the ttl. Nothing retries on top of the SDK.
         */
        public Builder callSettings(AwsCallSettings settings) {
            this.callSettings = settings;
            return this;
        }

        /** The time source for expiry; the system UTC clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public DynamoDbLease build() {
            return new DynamoDbLease(this);
        }
    }
}
