package io.hpcha.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Measured durations and their minimum, median and maximum. Not thread-safe. */
final class Distribution {
    private final List<Duration> samples = new ArrayList<>();

    void add(Duration sample) {
        samples.add(sample);
    }

    int size() {
        return samples.size();
    }

    Duration min() {
        return Collections.min(samples);
    }

    Duration max() {
        return Collections.max(samples);
    }

    /** The middle sample, or the mean of the two middle ones. */
    Duration median() {
        List<Duration> sorted = samples.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    @Override
    public String toString() {
        if (samples.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "n=%d min=%s median=%s max=%s; all: %s", size(), seconds(min()), seconds(median()),
                seconds(max()), samples.stream().map(Distribution::seconds).collect(Collectors.joining(" ")));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0);
    }
}
