package io.hpcha.slurm;

import io.hpcha.UnexpectedOutputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slurm release, as {@code sinfo -V} prints it ({@code slurm 23.11.4}; Debian's build prints
 * {@code slurm-wlm 22.05.8}). Decides which commands a {@link SlurmScheduler} uses.
 *
 * @param major the year part ({@code 22})
 * @param minor the month part ({@code 5})
 * @param micro the maintenance release ({@code 8})
 */
public record SlurmVersion(int major, int minor, int micro) implements Comparable<SlurmVersion> {
    private static final Pattern SINFO_V = Pattern.compile("(?s)\\s*slurm(?:-wlm)?\\s+(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    /** 21.08: the first release whose {@code sinfo --json} lists nodes. */
    public static final SlurmVersion V21_08 = new SlurmVersion(21, 8, 0);
    /** 23.02: {@code scontrol show nodes --json} appears and {@code sinfo --json} stops being per node. */
    public static final SlurmVersion V23_02 = new SlurmVersion(23, 2, 0);

    public SlurmVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("negative version part: " + major + "." + minor + "." + micro);
        }
    }

    /**
     * Parses {@code sinfo -V} output.
     *
     * @throws UnexpectedOutputException when it names no version
     */
    public static SlurmVersion parse(String sinfoV) {
        Matcher m = SINFO_V.matcher(sinfoV);
        if (!m.matches()) {
            throw new UnexpectedOutputException("sinfo -V printed no Slurm version", sinfoV);
        }
        return new SlurmVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** Whether this is {@code other} or later. */
    public boolean atLeast(SlurmVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(SlurmVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(micro, o.micro);
    }

    @Override
    public String toString() {
        return String.format("%d.%02d.%d", major, minor, micro);
    }
}
