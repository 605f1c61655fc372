package io.hpcha.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * What an {@link Actor} gets besides the decision. Immutable.
 *
 * @param loop         the loop's name
 * @param pass         the pass number, from 1
 * @param now          when the pass decided
 * @param fencingToken the current leadership's fencing token, to pass with every write that accepts one
 *                     (0 under {@link Authority#standalone()})
 */
public record ActionContext(String loop, long pass, Instant now, long fencingToken) {
    public ActionContext {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(now, "now");
    }
}
