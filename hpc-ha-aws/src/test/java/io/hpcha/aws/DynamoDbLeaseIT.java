package io.hpcha.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hpcha.ConfigurationException;
import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import io.hpcha.testkit.LeaseCompatibilityKit;
import io.hpcha.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link DynamoDbLease} against DynamoDB Local: the Lease contract, races, and the token's monotonicity. */
class DynamoDbLeaseIT extends LeaseCompatibilityKit {
    private static DynamoDbLocal local;
    private static final AtomicInteger names = new AtomicInteger();
    private final List<DynamoDbClient> clients = new ArrayList<>();

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        local = DynamoDbLocal.start();
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        local.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(DynamoDbClient::close);
    }

    @Override
    protected Lease createLease(ManualClock clock, Duration ttl) {
        return lease("kit-" + names.incrementAndGet(), clock, ttl);
    }

    private DynamoDbLease lease(String name, java.time.Clock clock, Duration ttl) {
        DynamoDbClient client = local.client();
        clients.add(client);
        // generous real-time limits: eight racing clients share two loaded cores (the ttl is simulated time)
        AwsCallSettings settings = AwsCallSettings.builder().maxAttempts(3)
                .apiCallTimeout(Duration.ofMillis(4900)).apiCallAttemptTimeout(Duration.ofSeconds(3)).build();
        return DynamoDbLease.builder().dynamoDb(client).callSettings(settings).table(DynamoDbLocal.TABLE).name(name)
                .ttl(ttl).clockSkew(Duration.ofMillis(100)).clock(clock).build();
    }

    @Test
    void tokensKeepIncreasingAcrossReleaseAndExpiry() {
        ManualClock clock = new ManualClock();
        DynamoDbLease lease = lease("monotonic", clock, Duration.ofSeconds(10));
        Leadership a = lease.tryAcquire(NodeId.of("ctl1")).orElseThrow();
        lease.release(a);
        Leadership b = lease.tryAcquire(NodeId.of("ctl2")).orElseThrow();
        clock.advance(Duration.ofSeconds(11));
        Leadership c = lease.tryAcquire(NodeId.of("ctl1")).orElseThrow();
        assertThat(List.of(a.fencingToken(), b.fencingToken(), c.fencingToken())).isSorted().doesNotHaveDuplicates();
        assertThat(lease.renew(b)).as("the expired holder's renew").isFalse();
        assertThat(lease.mustStopActingAt(c)).isEqualTo(c.expiresAt().minusMillis(100));
    }

    @Test
    void reacquiringOwnValidGrantKeepsTheToken() {
        ManualClock clock = new ManualClock();
        DynamoDbLease lease = lease("reacquire", clock, Duration.ofSeconds(10));
        Leadership first = lease.tryAcquire(NodeId.of("ctl1")).orElseThrow();
        clock.advance(Duration.ofSeconds(4));
        Leadership again = lease.tryAcquire(NodeId.of("ctl1")).orElseThrow();
        assertThat(again.fencingToken()).isEqualTo(first.fencingToken());
        assertThat(again.expiresAt()).isEqualTo(first.expiresAt().plusSeconds(4));
    }

    /**
     * Eight contenders on eight threads race for one lease while a driver moves their shared clock.
     * Every takeover increments the token by one and every successful call is recorded, so the tokens
     * seen must be exactly 1..N, each with one holder; and a token's successor may only have been
     * granted once the token had expired (by the clock time read after the winning call returned,
     * which is never earlier than the time the condition was checked against) or had been released.
     */
    @Test
    void manyContendersNeverHoldAtOnce() throws Exception {
        ManualClock clock = new ManualClock();
        Duration ttl = Duration.ofSeconds(5);
        int contenders = 8;
        int rounds = 60;
        ConcurrentLinkedQueue<Grant> grants = new ConcurrentLinkedQueue<>();
        java.util.Set<Long> released = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch done = new CountDownLatch(contenders);
        AtomicInteger errors = new AtomicInteger();
        for (int i = 0; i < contenders; i++) {
            NodeId me = NodeId.of("ctl" + i);
            DynamoDbLease lease = lease("race", clock, ttl);
            pool.submit(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        Optional<Leadership> got = lease.tryAcquire(me);
                        Instant returnedAt = clock.instant();
                        got.ifPresent(l -> grants.add(new Grant(l, returnedAt)));
                        if (got.isPresent() && r % 3 == 0) {
                            released.add(got.get().fencingToken());
                            lease.release(got.get());
                        }
                    }
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        while (!done.await(5, TimeUnit.MILLISECONDS)) {
            clock.advance(Duration.ofMillis(700));
        }
        pool.shutdown();
        assertThat(errors).hasValue(0);

        java.util.Map<Long, List<Grant>> byToken = new java.util.TreeMap<>();
        grants.forEach(g -> byToken.computeIfAbsent(g.leadership.fencingToken(), t -> new ArrayList<>()).add(g));
        assertThat(byToken).hasSizeGreaterThan(contenders);
        assertThat(byToken.keySet()).as("every takeover seen, tokens contiguous")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, byToken.size()).boxed().toList());
        for (var entry : byToken.entrySet()) {
            assertThat(entry.getValue().stream().map(g -> g.leadership.holder()).distinct())
                    .as("token %d has one holder", entry.getKey()).hasSize(1);
            List<Grant> successor = byToken.get(entry.getKey() + 1);
            if (successor == null || released.contains(entry.getKey())) {
                continue;
            }
            Instant lastExpiry = entry.getValue().stream().map(g -> g.leadership.expiresAt()).max(Comparator.naturalOrder()).orElseThrow();
            Instant takeover = successor.stream().map(g -> g.returnedAt).min(Comparator.naturalOrder()).orElseThrow();
            assertThat(takeover).as("token %d taken over inside its validity", entry.getKey()).isAfterOrEqualTo(lastExpiry);
        }
    }

    /** docs/iam/dynamodb-lease.json allows exactly the DynamoDB actions a lease sends, no more. */
    @Test
    void theIamPolicyAllowsExactlyWhatTheLeaseCalls() throws Exception {
        Set<String> sent = ConcurrentHashMap.newKeySet();
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(local.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context,
                            ExecutionAttributes attributes) {
                        sent.add("dynamodb:" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
        clients.add(client);
        ManualClock clock = new ManualClock();
        DynamoDbLease lease = DynamoDbLease.builder().dynamoDb(client).table(DynamoDbLocal.TABLE).name("slurm-controller")
                .clock(clock).build();
        Leadership l = lease.tryAcquire(NodeId.of("ctl1")).orElseThrow();
        assertThat(lease.tryAcquire(NodeId.of("ctl2"))).isEmpty();
        assertThat(lease.renew(l)).isTrue();
        lease.release(l);

        String policy = Files.readString(Path.of(System.getProperty("user.dir"))
                .resolve("../docs/iam/dynamodb-lease.json").normalize());
        Set<String> allowed = new TreeSet<>();
        Matcher entries = IamPolicyDocsTest.ACTION_ENTRY.matcher(policy);
        while (entries.find()) {
            Matcher m = Pattern.compile("\"(dynamodb:[A-Za-z]+)\"").matcher(entries.group(1));
            while (m.find()) {
                allowed.add(m.group(1));
            }
        }
        assertThat(sent).containsExactly("dynamodb:UpdateItem");
        assertThat(allowed).isEqualTo(new TreeSet<>(sent));
        assertThat(policy).as("writes limited to the lease items").contains("dynamodb:LeadingKeys").contains("slurm-controller");
    }

    @Test
    void aMissingTableIsNamed() {
        DynamoDbClient client = local.client();
        clients.add(client);
        DynamoDbLease lease = DynamoDbLease.builder().dynamoDb(client).table("no-such-table").name("x").build();
        assertThatThrownBy(() -> lease.tryAcquire(NodeId.of("ctl1")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-table");
    }

    @Test
    void rejectsAnUnsafeConfiguration() {
        DynamoDbClient client = local.client();
        clients.add(client);
        assertThatThrownBy(() -> DynamoDbLease.builder().dynamoDb(client).table("leases").name("x")
                .ttl(Duration.ofSeconds(3)).clockSkew(Duration.ofSeconds(2)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("twice the clock skew");
        assertThatThrownBy(() -> DynamoDbLease.builder().dynamoDb(client).table("leases").name("bad name").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("lease name");
        assertThatThrownBy(() -> DynamoDbLease.builder().dynamoDb(client).table("t").name("x").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("table name");
        assertThatThrownBy(() -> DynamoDbLease.builder().dynamoDb(client).table("leases").name("x").ttl(Duration.ofSeconds(5))
                .callSettings(AwsCallSettings.defaults()).build())
                .as("a 30 s call cannot renew a 5 s grant").isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("apiCallTimeout");
    }

    private record Grant(Leadership leadership, Instant returnedAt) {
        @Override
        public String toString() {
            return leadership.holder() + "#" + leadership.fencingToken() + "@" + returnedAt + "..." + leadership.expiresAt();
        }
    }
}
