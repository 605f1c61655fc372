package io.hpcha.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hpcha.FloatingAddress;
import io.hpcha.HaException;
import io.hpcha.NodeId;
import io.hpcha.NotFoundException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link FloatingAddress} contract as tests. Subclass it in a backend's test sources and
 * implement the factory methods; every test below then runs against that backend.
 *
 * <p>{@link FloatingAddress#assignTo} promises to return only once the move is verified, so the kit reads
 * {@link FloatingAddress#holder()} right after it without waiting.
 */
public abstract class FloatingAddressCompatibilityKit {
    private FloatingAddress address;
    private NodeId first;
    private NodeId second;

    /** A fresh address under test; called before each test. */
    protected abstract FloatingAddress createAddress();

    /** At least two nodes {@link #createAddress() the address} can be assigned to. */
    protected abstract List<NodeId> candidates();

    /** A node the address cannot be assigned to. */
    protected NodeId unknownNode() {
        return NodeId.of("no-such-node.hpcha");
    }

    @BeforeEach
    void createAddressUnderTest() {
        address = createAddress();
        List<NodeId> candidates = candidates();
        assertTrue(candidates.size() >= 2, "the kit needs at least two candidates, got " + candidates);
        first = candidates.get(0);
        second = candidates.get(1);
        assertNotEquals(first, second, "the first two candidates must differ");
    }

    @Test
    void addressIsStableAndNotBlank() {
        String text = address.address();
        assertNotNull(text);
        assertFalse(text.isBlank(), "address() is blank");
        assertEquals(text, address.address(), "address() changed between calls");
        address.assignTo(first);
        assertEquals(text, address.address(), "address() changed when the address moved");
    }

    @Test
    void assignToMakesTheNodeTheHolder() {
        address.assignTo(first);
        assertEquals(Optional.of(first), address.holder());
    }

    @Test
    void assignToTheHolderAgainIsIdempotent() {
        address.assignTo(first);
        address.assignTo(first);
        assertEquals(Optional.of(first), address.holder());
    }

    @Test
    void addressMovesBetweenCandidates() {
        address.assignTo(first);
        address.assignTo(second);
        assertEquals(Optional.of(second), address.holder(), "after moving to the second candidate");
        address.assignTo(first);
        assertEquals(Optional.of(first), address.holder(), "after moving back to the first candidate");
    }

    @Test
    void assignToAnUnknownNodeIsNotFoundAndMovesNothing() {
        address.assignTo(first);
        try {
            address.assignTo(unknownNode());
            fail("assignTo(" + unknownNode() + ") should have failed");
        } catch (NotFoundException expected) {
            // the contract's answer
        } catch (HaException e) {
            assertFalse(e.retryable(), "an unknown node is not worth retrying: " + e);
        }
        assertEquals(Optional.of(first), address.holder(), "a refused move must leave the holder alone");
    }
}
