package io.hpcha;

/**
 * The base state of a scheduler node; modifiers such as drain or not-responding are
 * {@link NodeFlag}s beside it.
 */
public enum NodeState {
    IDLE, ALLOCATED, MIXED, DOWN, ERROR, FUTURE,
    /** The scheduler itself does not know the node's state yet (Slurm's {@code UNKNOWN}). */
    UNKNOWN
}
