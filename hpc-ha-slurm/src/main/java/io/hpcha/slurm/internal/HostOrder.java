package io.hpcha.slurm.internal;

import java.util.Comparator;

/**
 * Orders host names by prefix, then by numeric suffix ({@code n2} before {@code n10}), so that a
 * sorted list compresses into the fewest hostlist ranges. Stateless.
 */
public final class HostOrder implements Comparator<String> {
    public static final HostOrder INSTANCE = new HostOrder();

    private HostOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int sa = suffixStart(a);
        int sb = suffixStart(b);
        int c = a.substring(0, sa).compareTo(b.substring(0, sb));
        if (c != 0) {
            return c;
        }
        String da = a.substring(sa);
        String db = b.substring(sb);
        if (da.isEmpty() || db.isEmpty()) {
            return da.isEmpty() == db.isEmpty() ? 0 : (da.isEmpty() ? -1 : 1);
        }
        c = compareDigits(da, db);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int suffixStart(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1)) && s.charAt(i - 1) < 128) {
            i--;
        }
        return i;
    }

    /** Compares digit strings by value, without overflow. */
    private static int compareDigits(String a, String b) {
        String ta = stripZeros(a);
        String tb = stripZeros(b);
        if (ta.length() != tb.length()) {
            return Integer.compare(ta.length(), tb.length());
        }
        return ta.compareTo(tb);
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
