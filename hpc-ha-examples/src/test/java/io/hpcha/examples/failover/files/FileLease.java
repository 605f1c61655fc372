package io.hpcha.examples.failover.files;

import io.hpcha.Leadership;
import io.hpcha.Lease;
import io.hpcha.NodeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A lease kept in a file ({@code holder token expiresAtMillis}, or {@code - token 0} when free), for
 * tests that run the daemon as a real process. Tokens grow with every new grant. Thread-safe and safe
 * across processes on one host.
 */
public final class FileLease implements Lease {
    private final StateFile file;
    private final Clock clock;
    private final Duration ttl;

    public FileLease(StateFile file, Clock clock, Duration ttl) {
        this.file = file;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The holder and token in the file, if the grant there has not expired. */
    public static Optional<String> holder(String content, Instant now) {
        String[] f = fields(content);
        return !f[0].equals("-") && Instant.ofEpochMilli(Long.parseLong(f[2])).isAfter(now) ? Optional.of(f[0] + " " + f[1]) : Optional.empty();
    }

    private static String[] fields(String content) {
        return content.isBlank() ? new String[] {"-", "0", "0"} : content.split(" ");
    }

    @Override
    public Optional<Leadership> tryAcquire(NodeId candidate) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String after = file.update(old -> {
            String[] f = fields(old);
            boolean valid = !f[0].equals("-") && Instant.ofEpochMilli(Long.parseLong(f[2])).isAfter(now);
            if (valid && !f[0].equals(candidate.value())) {
                return old;
            }
            long token = valid ? Long.parseLong(f[1]) : Long.parseLong(f[1]) + 1;
            return candidate.value() + " " + token + " " + expires.toEpochMilli();
        });
        String[] f = fields(after);
        return f[0].equals(candidate.value()) && Long.parseLong(f[2]) == expires.toEpochMilli()
                ? Optional.of(new Leadership("file", candidate, Long.parseLong(f[1]), expires)) : Optional.empty();
    }

    @Override
    public boolean renew(Leadership l) {
        return tryAcquire(l.holder()).filter(n -> n.fencingToken() == l.fencingToken()).isPresent();
    }

    @Override
    public void release(Leadership l) {
        file.update(old -> {
            String[] f = fields(old);
            return f[0].equals(l.holder().value()) && Long.parseLong(f[1]) == l.fencingToken() ? "- " + f[1] + " 0" : old;
        });
    }
}
