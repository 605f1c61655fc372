package io.hpcha.examples.demo;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The demo's output: one line per event, stamped with the simulated time elapsed since the scenario
 * began ({@code [+01:30.000]}). Lines are printed as they come and kept for the caller. Not thread-safe.
 */
public final class Timeline {
    private final Clock clock;
    private final PrintWriter out;
    private final List<String> lines = new ArrayList<>();
    private Instant origin;

    public Timeline(Clock clock, PrintWriter out) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.out = Objects.requireNonNull(out, "out");
        this.origin = clock.instant();
    }

    /** Starts a new scenario: prints a heading and resets the elapsed time to zero. */
    public void scenario(String title) {
        origin = clock.instant();
        print("");
        print("=== " + title + " ===");
    }

    /** An event at the current simulated time. */
    public void event(String text) {
        print("[+" + format(elapsed()) + "] " + text);
    }

    /** A line without a time stamp. */
    public void note(String text) {
        print("            " + text);
    }

    /** Simulated time since the scenario began. */
    public Duration elapsed() {
        return Duration.between(origin, clock.instant());
    }

    /** Every line printed so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private void print(String line) {
        lines.add(line);
        out.println(line);
        out.flush();
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return String.format("%02d:%02d.%03d", ms / 60_000, (ms / 1000) % 60, ms % 1000);
    }
}
