package io.hpcha.slurm;

import io.hpcha.slurm.internal.HostRanges;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Slurm's hostlist expressions ({@code n[1-3,07],gpu[001-004]}), expanded and compressed exactly as
 * Slurm 22.05 does it ({@code scontrol show hostnames} / {@code scontrol show hostlist}).
 *
 * <p>What Slurm accepts, this accepts with the same result, quirks included: comma, space and tab
 * separate names; a range keeps the zero padding of its lower bound ({@code n[01-3]} is
 * {@code n01,n02,n03}); several bracket groups multiply out left to right
 * ({@code x[1-2]y[3-4]} is {@code x1y3,x1y4,x2y3,x2y4}); order and duplicates are kept. What Slurm
 * rejects ({@code a[1-2]b}: text after the last bracket group; {@code n[3-1]}; a range of more than
 * 65,536 names) throws {@link IllegalArgumentException}.
 *
 * <p>Two deliberate limits where Slurm itself misbehaves: numbers longer than 18 significant digits
 * are refused (Slurm clamps or crashes on them), and an expression expanding to more than
 * {@value #MAX_EXPANDED} names is refused rather than exhausting memory.
 *
 * <p>Stateless and thread-safe.
 */
public final class Hostlist {
    /** The most names {@link #expand} returns. */
    public static final int MAX_EXPANDED = HostRanges.MAX_HOSTS;

    private Hostlist() {
    }

    /**
     * The names an expression stands for, in order, duplicates kept; empty for an empty or blank
     * expression.
     *
     * @throws IllegalArgumentException when Slurm would print {@code Invalid hostlist}
     */
    public static List<String> expand(String expression) {
        Objects.requireNonNull(expression, "expression");
        return HostRanges.parse(expression).expand();
    }

    /**
     * The shortest expression Slurm writes for {@code names}, in the given order (Slurm neither sorts
     * nor removes duplicates here: {@code n3,n1,n2} is {@code n[3,1-2]}).
     *
     * @param names plain host names: 1 to 253 of {@code [A-Za-z0-9._-]}, starting with a letter or digit
     * @throws IllegalArgumentException for a name that is not a plain host name
     */
    public static String compress(Collection<String> names) {
        Objects.requireNonNull(names, "names");
        HostRanges ranges = new HostRanges();
        for (String name : names) {
            ranges.pushHost(HostRanges.requirePlainName(name));
        }
        return ranges.rangedString();
    }
}
