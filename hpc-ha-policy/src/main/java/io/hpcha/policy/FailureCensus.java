package io.hpcha.policy;

/**
 * How many of the watched subjects look failed in one snapshot: what the {@link RemediationBudget}
 * needs to notice that "too many nodes fail at once", which usually means the observer, the network or
 * a shared dependency is at fault rather than the nodes. Immutable.
 *
 * @param failing how many look failed
 * @param total   how many are watched
 */
public record FailureCensus(int failing, int total) {
    /** No subjects watched. */
    public static final FailureCensus EMPTY = new FailureCensus(0, 0);

    public FailureCensus {
        if (failing < 0 || total < 0 || failing > total) {
            throw new IllegalArgumentException("need 0 <= failing <= total, got " + failing + "/" + total);
        }
    }

    /** The failing share, 0 when nothing is watched. */
    public double share() {
        return total == 0 ? 0 : (double) failing / total;
    }

    @Override
    public String toString() {
        return failing + "/" + total;
    }
}
