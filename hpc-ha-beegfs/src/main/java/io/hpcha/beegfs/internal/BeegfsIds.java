package io.hpcha.beegfs.internal;

import java.util.regex.Pattern;

/**
 * Validates ids before they become part of a command. BeeGFS target, node and buddy group ids are
 * unsigned 16-bit numbers greater than zero, so anything else is rejected here, before a command is
 * built, rather than left to the CLI (which would read {@code "1 --restart"} as more than an id).
 * Stateless.
 */
public final class BeegfsIds {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");

    private BeegfsIds() {
    }

    /** {@code id} when it is in 1..65535. */
    public static int check(String what, int id) {
        if (id < 1 || id > 65535) {
            throw new IllegalArgumentException(what + " must be a number from 1 to 65535: " + id);
        }
        return id;
    }

    /** The id written as {@code text}: decimal digits only, 1..65535. */
    public static int parse(String what, String text) {
        if (text == null || !DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException(what + " must be a number from 1 to 65535: '" + text + "'");
        }
        return check(what, Integer.parseInt(text));
    }
}
