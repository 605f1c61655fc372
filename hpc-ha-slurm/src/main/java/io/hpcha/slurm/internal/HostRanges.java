package io.hpcha.slurm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of host ranges ({@code prefix + lo..hi}, zero-padded to a width, or a single name without
 * a numeric suffix) with Slurm 22.05's hostlist semantics: how an expression is tokenized and parsed,
 * how a pushed range merges with the one before it, and how the list is written back as an
 * expression. Mutable, not thread-safe; {@link io.hpcha.slurm.Hostlist} is the public face.
 */
public final class HostRanges {
    /** Slurm's MAX_RANGE: the most names in one bracket range. */
    static final long MAX_RANGE = 64 * 1024;
    /** Slurm's MAX_PREFIX_CNT: the most prefixes an earlier bracket group may multiply into. */
    static final long MAX_PREFIX_COUNT = 64 * 1024;
    /** The most names an expression may expand to here (Slurm has no limit but memory). */
    public static final int MAX_HOSTS = 1 << 20;
    /** Longest number accepted; 10^18 - 1 fits a long with room for arithmetic. */
    private static final int MAX_DIGITS = 18;
    private static final String SEPARATORS = "\t, ";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final List<Range> ranges = new ArrayList<>();
    private long hosts;

    /** One range: {@code single} names carry the whole name in {@code prefix}. */
    private static final class Range {
        final String prefix;
        final boolean single;
        final long lo;
        long hi;
        int width;

        Range(String prefix, long lo, long hi, int width, boolean single) {
            this.prefix = prefix;
            this.lo = lo;
            this.hi = hi;
            this.width = width;
            this.single = single;
        }

        long count() {
            return single ? 1 : hi - lo + 1;
        }
    }

    /** The name unchanged when it is a plain host name. */
    public static String requirePlainName(String name) {
        if (name == null || !PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain host name: '" + name
                    + "' (expected 1-253 of [A-Za-z0-9._-] starting with a letter or digit)");
        }
        return name;
    }

    /** Parses {@code expression} like Slurm's {@code hostlist_create}. */
    public static HostRanges parse(String expression) {
        HostRanges list = new HostRanges();
        for (String token : tokens(expression)) {
            list.pushToken(expression, token);
        }
        return list;
    }

    /** Every name, in order. */
    public List<String> expand() {
        List<String> names = new ArrayList<>((int) hosts);
        for (Range r : ranges) {
            if (r.single) {
                names.add(r.prefix);
            } else {
                for (long i = r.lo; i <= r.hi; i++) {
                    names.add(r.prefix + pad(i, r.width));
                }
            }
        }
        return List.copyOf(names);
    }

    /** Appends one host name, merging it into the last range when it continues it. */
    public void pushHost(String name) {
        int end = name.length();
        int start = end;
        while (start > 0 && isDigit(name.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            pushRange(new Range(name, 0, 0, 0, true));
        } else {
            String digits = name.substring(start);
            long num = parseDigits(digits, name);
            pushRange(new Range(name.substring(0, start), num, num, digits.length(), false));
        }
    }

    /** The list written as Slurm writes it ({@code hostlist_ranged_string}). */
    public String rangedString() {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ranges.size()) {
            if (i > 0) {
                out.append(',');
            }
            Range first = ranges.get(i);
            boolean brackets = first.count() > 1
                    || (i + 1 < ranges.size() && sameBracket(first, ranges.get(i + 1)));
            out.append(first.prefix);
            if (brackets) {
                out.append('[');
            }
            int start = i;
            do {
                Range r = ranges.get(i);
                if (i > start) {
                    out.append(',');
                }
                if (!r.single) {
                    out.append(pad(r.lo, r.width));
                    if (r.lo < r.hi) {
                        out.append('-').append(pad(r.hi, r.width));
                    }
                }
            } while (++i < ranges.size() && sameBracket(ranges.get(i), ranges.get(i - 1)));
            if (brackets) {
                out.append(']');
            }
        }
        return out.toString();
    }

    // ---- parsing (hostlist.c: _next_tok, _hostlist_create_bracketed, _push_range_list) ----

    /** Splits at separators, except inside matched brackets. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int pos = 0;
        while (true) {
            while (pos < n && isSeparator(s.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                return out;
            }
            int tok = pos;
            int parse = tok;
            int str = pos;
            scan:
            while (true) {
                while (str < n && !isSeparator(s.charAt(str))) {
                    str++;
                }
                while (true) {
                    int open = s.indexOf('[', parse);
                    if (open < 0 || open > str) {
                        break scan;
                    }
                    int close = s.indexOf(']', parse);
                    if (close < 0 || close < open) {
                        break scan;
                    }
                    if (close < str) {
                        parse = close + 1;
                    } else {
                        str = close;
                        continue scan;
                    }
                }
            }
            out.add(s.substring(tok, str));
            pos = str;
        }
    }

    private void pushToken(String expression, String token) {
        int open = token.lastIndexOf('[');
        if (open < 0) {
            pushHost(token);
            return;
        }
        String prefix = token.substring(0, open);
        String rest = token.substring(open + 1);
        int close = rest.indexOf(']');
        if (close < 0) {
            // Slurm's own repair of an unclosed bracket: "n[1-2" names the host "n]"
            pushHost(prefix.isEmpty() ? rest : prefix + "]");
            return;
        }
        if (close + 1 < rest.length() && rest.charAt(close + 1) != ',') {
            throw invalid(expression, "text after the closing bracket");
        }
        List<Range> list = parseRangeList(expression, rest.substring(0, close));
        if (!pushRangeList(expression, prefix, list)) {
            throw invalid(expression, "bad bracket group in '" + token + "'");
        }
    }

    /** Returns false where Slurm's _push_range_list returns -1 at the top level. */
    private boolean pushRangeList(String expression, String prefix, List<Range> list) {
        int open = prefix.lastIndexOf('[');
        int close = open < 0 ? -1 : prefix.lastIndexOf(']');
        if (open >= 0 && close > open) {
            String head = prefix.substring(0, open);
            String tail = prefix.substring(close + 1);
            boolean recurse = head.indexOf('[') >= 0;
            List<Range> outer;
            try {
                outer = parseRangeList(expression, prefix.substring(open + 1, close));
            } catch (InvalidHostlist e) {
                return false;
            }
            long prefixes = 0;
            for (Range pr : outer) {
                prefixes += pr.count();
                if (prefixes > MAX_PREFIX_COUNT) {
                    return false;
                }
                for (long j = pr.lo; j <= pr.hi; j++) {
                    String newPrefix = head + pad(j, pr.width) + tail;
                    if (recurse) {
                        // Slurm keeps MAX(rc, rc1): a failure one level down is dropped, not raised
                        pushRangeList(expression, newPrefix, list);
                    } else {
                        for (Range r : list) {
                            pushRange(new Range(newPrefix, r.lo, r.hi, r.width, false));
                        }
                    }
                }
            }
            return true;
        }
        for (Range r : list) {
            pushRange(new Range(prefix, r.lo, r.hi, r.width, false));
        }
        return true;
    }

    private static List<Range> parseRangeList(String expression, String text) {
        List<Range> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int comma = text.indexOf(',', from);
            String part = comma < 0 ? text.substring(from) : text.substring(from, comma);
            out.add(parseSingleRange(expression, part));
            if (comma < 0) {
                return out;
            }
            from = comma + 1;
        }
    }

    /** Slurm's _parse_single_range, strtoul's leniency included. */
    private static Range parseSingleRange(String expression, String part) {
        if (part.indexOf('x') >= 0) {
            throw invalid(expression, "invalid range '" + part + "'");
        }
        int dash = part.indexOf('-');
        String low = dash < 0 ? part : part.substring(0, dash);
        String high = dash < 0 ? null : part.substring(dash + 1);
        if (high != null && high.startsWith("-")) {
            throw invalid(expression, "invalid range '" + part + "'");
        }
        Strtoul lo = Strtoul.parse(low, expression);
        if (lo.end == 0) {
            throw invalid(expression, "invalid range '" + part + "'");
        }
        long hiValue;
        boolean trailingGarbage;
        if (high != null && !high.isEmpty()) {
            Strtoul hi = Strtoul.parse(high, expression);
            if (hi.end == 0) {
                throw invalid(expression, "invalid range '" + part + "'");
            }
            hiValue = hi.value;
            trailingGarbage = hi.end != high.length();
        } else {
            hiValue = lo.value;
            trailingGarbage = lo.end != low.length();
        }
        if (trailingGarbage || lo.value > hiValue) {
            throw invalid(expression, "invalid range '" + part + "'");
        }
        if (hiValue - lo.value + 1 > MAX_RANGE) {
            throw invalid(expression, "too many hosts in range '" + part + "'");
        }
        return new Range("", lo.value, hiValue, low.length(), false);
    }

    /** C's strtoul in base 10: leading white space, an optional sign, then digits. */
    private record Strtoul(long value, int end) {
        static Strtoul parse(String s, String expression) {
            int i = 0;
            while (i < s.length() && isSpace(s.charAt(i))) {
                i++;
            }
            boolean negative = false;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            int digitsStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digitsStart) {
                return new Strtoul(0, 0);
            }
            long value = parseDigits(s.substring(digitsStart, i), expression);
            if (negative && value != 0) {
                // strtoul wraps a negative number to a huge one, which no range accepts
                throw invalid(expression, "negative number '" + s + "'");
            }
            return new Strtoul(value, i);
        }
    }

    // ---- ranges (hostlist.c: hostlist_push_range, _width_equiv, hostrange_prefix_cmp) ----

    private void pushRange(Range r) {
        Range tail = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (tail != null && !tail.single && !r.single && tail.hi == r.lo - 1
                && samePrefix(tail, r) && widthsCombine(tail, r)) {
            tail.hi = r.hi;
        } else {
            ranges.add(r);
        }
        hosts += r.count();
        if (hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("hostlist expands to more than " + MAX_HOSTS + " names");
        }
    }

    /** Slurm's hostrange_within_range: same prefix, neither a single name. */
    private static boolean sameBracket(Range a, Range b) {
        return samePrefix(a, b) && !a.single && !b.single;
    }

    /** hostrange_prefix_cmp == 0: equal prefixes (strnatcmp ignores white space) and the same kind. */
    private static boolean samePrefix(Range a, Range b) {
        return a.single == b.single && stripSpace(a.prefix).equals(stripSpace(b.prefix));
    }

    /**
     * Slurm's _width_equiv: two widths combine when equal, or when using either for both numbers
     * changes neither's zero padding; the width that changes nothing is adopted by the other side.
     */
    private static boolean widthsCombine(Range a, Range b) {
        if (a.width == b.width) {
            return true;
        }
        int npad = zeroPadded(a.lo, a.width);
        int nmpad = zeroPadded(a.lo, b.width);
        int mpad = zeroPadded(b.lo, b.width);
        int mnpad = zeroPadded(b.lo, a.width);
        if (npad != nmpad && mpad != mnpad) {
            return false;
        }
        if (npad != nmpad) {
            b.width = a.width;
        } else {
            a.width = b.width;
        }
        return true;
    }

    private static int zeroPadded(long num, int width) {
        int digits = Long.toString(num).length();
        return Math.max(0, width - digits);
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    private static long parseDigits(String digits, String context) {
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        if (digits.length() - first > MAX_DIGITS) {
            throw new IllegalArgumentException("number with more than " + MAX_DIGITS
                    + " significant digits in hostlist '" + context + "'");
        }
        return Long.parseLong(digits.substring(first));
    }

    private static String stripSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isSpace(s.charAt(i))) {
                StringBuilder b = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    if (!isSpace(s.charAt(j))) {
                        b.append(s.charAt(j));
                    }
                }
                return b.toString();
            }
        }
        return s;
    }

    private static boolean isSeparator(char c) {
        return SEPARATORS.indexOf(c) >= 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static InvalidHostlist invalid(String expression, String why) {
        return new InvalidHostlist("Invalid hostlist: " + expression + " (" + why + ")");
    }

    /** What Slurm reports as {@code Invalid hostlist}, as opposed to this class's own limits. */
    private static final class InvalidHostlist extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidHostlist(String message) {
            super(message);
        }
    }
}
