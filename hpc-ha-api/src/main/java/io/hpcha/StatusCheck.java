package io.hpcha;

/**
 * The result of an instance status check (EC2's system and instance reachability checks). A stopped
 * instance has no checks: {@link #NOT_APPLICABLE}.
 */
public enum StatusCheck {
    OK, IMPAIRED, INSUFFICIENT_DATA, INITIALIZING, NOT_APPLICABLE
}
