package io.hpcha.policy;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a policy decided about one subject in one pass: either an action to take, or
 * {@linkplain #none no action}, always with the reason in words an operator understands.
 * Decisions are plain data so that a decider is a pure function that tests compare with
 * {@code equals}; an {@link Actor} turns an action into effects. Immutable.
 *
 * @param action  the kind of action ({@code "start-standby"}), also the key of its
 *                {@linkplain RemediationBudget budget}; {@link #NO_ACTION} for none
 * @param subject what it is about: a node name, an instance id
 * @param reason  why, logged verbatim ({@code "ALERT: Primary Compute Node Failed. Initiating Recovery..."})
 * @param params  whatever the actor needs (the standby's instance id), never secrets
 */
public record Decision(String action, String subject, String reason, Map<String, String> params) {
    /** The {@link #action} of a decision to do nothing. */
    public static final String NO_ACTION = "none";

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
        params = Map.copyOf(params);
        if (!ACTION.matcher(action).matches()) {
            // action kinds become metric tags and budget keys: keep them tame
            throw new IllegalArgumentException("action kind '" + action + "' must match " + ACTION.pattern());
        }
        if (subject.isBlank()) {
            throw new IllegalArgumentException("decision subject is blank");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("every decision needs a reason");
        }
    }

    /** A decision to take {@code action} on {@code subject}. */
    public static Decision act(String action, String subject, String reason) {
        return new Decision(action, subject, reason, Map.of());
    }

    /** A decision to take {@code action} on {@code subject}, with parameters for the actor. */
    public static Decision act(String action, String subject, String reason, Map<String, String> params) {
        return new Decision(action, subject, reason, params);
    }

    /** A decision to leave {@code subject} alone, and why. */
    public static Decision none(String subject, String reason) {
        return new Decision(NO_ACTION, subject, reason, Map.of());
    }

    /** Whether this decision asks for an action. */
    public boolean isAction() {
        return !NO_ACTION.equals(action);
    }

    /** A required parameter. */
    public String param(String key) {
        String v = params.get(key);
        if (v == null) {
            throw new IllegalStateException("decision " + action + " on " + subject + " lacks parameter '" + key + "'");
        }
        return v;
    }
}
