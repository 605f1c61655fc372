package io.hpcha.drbd.internal;

import io.hpcha.UnexpectedOutputException;
import java.math.BigInteger;

/**
 * DRBD prints its counters as unsigned 64-bit numbers ({@code U64} in drbdsetup), and some do wrap:
 * an {@code ap-in-flight} of 18446744073709551608 has been seen in the field. They are kept as Java
 * {@code long} holding the unsigned value (print with {@link Long#toUnsignedString(long)}).
 */
public final class Counters {
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Counters() {
    }

    /** Parses a decimal unsigned 64-bit counter. */
    public static long unsigned(String text, String context) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new UnexpectedOutputException("not an unsigned 64-bit counter: '" + text + "'", context, e);
        }
    }

    /** An unsigned 64-bit counter given as a big integer (as JSON parsers return large numbers). */
    public static long unsigned(BigInteger value, String context) {
        if (value.signum() < 0 || value.compareTo(MAX_U64) > 0) {
            throw new UnexpectedOutputException("counter out of the unsigned 64-bit range: " + value, context);
        }
        return value.longValue();
    }
}
