package io.hpcha.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One write a fake accepted, so that a test can assert what a policy did, or that it did nothing.
 * Rejected calls (unknown names, refused operations, injected failures) are not recorded.
 *
 * @param at        the fake's clock when the write was accepted
 * @param operation the SPI method ({@code "drain"}, {@code "start"}, {@code "assignTo"} …)
 * @param targets   the nodes or instances it acted on, in the caller's order
 * @param detail    the rest of the call: the reason, {@code force=true} …; empty when there is none
 */
public record RecordedWrite(Instant at, String operation, List<String> targets, String detail) {
    public RecordedWrite {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(detail, "detail");
        targets = List.copyOf(targets);
    }
}
