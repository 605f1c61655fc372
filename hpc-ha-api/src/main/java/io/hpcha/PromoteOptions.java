package io.hpcha;

import java.util.Objects;

/**
 * How to promote a {@link ReplicatedVolume}.
 *
 * @param force  promote even without up-to-date data. Risks losing writes; only an operator who has
 *               decided which data wins should set it, so a reason is mandatory.
 * @param reason why; logged with the promotion. Required (non-blank) when {@code force} is set.
 */
public record PromoteOptions(boolean force, String reason) {
    private static final PromoteOptions DEFAULTS = new PromoteOptions(false, "");

    public PromoteOptions {
        Objects.requireNonNull(reason, "reason");
        if (force && reason.isBlank()) {
            throw new IllegalArgumentException("a forced promotion needs a reason");
        }
    }

    /** Promote only with up-to-date data. */
    public static PromoteOptions defaults() {
        return DEFAULTS;
    }

    /** Promote even without up-to-date data, for the given reason. */
    public static PromoteOptions forced(String reason) {
        return new PromoteOptions(true, reason);
    }
}
