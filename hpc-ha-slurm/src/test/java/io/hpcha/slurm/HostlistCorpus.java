package io.hpcha.slurm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generated hostlist inputs for the differential test: expressions from a grammar of prefixes,
 * ranges with and without zero padding, several bracket groups and separators, then mutated the
 * ways people mistype them (a bracket lost or doubled, text after a bracket, a reversed range, an
 * empty element); and name lists for compression. Deterministic for a seed.
 */
final class HostlistCorpus {
    private static final String[] PREFIXES = {"n", "node", "gpu", "c-", "rack1-n", "x.y", "a_b", "", "r0", "cn9z"};
    private static final String[] INFIXES = {"", "-", "n", "s", "_", ".", "x"};

    private final Random random;

    HostlistCorpus(long seed) {
        this.random = new Random(seed);
    }

    List<String> expressions(int count) {
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            String e = expression();
            out.add(random.nextInt(4) == 0 ? mutate(e) : e);
        }
        return out;
    }

    List<List<String>> nameLists(int count) {
        List<List<String>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<String> names = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int j = 0; j < n; j++) {
                String prefix = PREFIXES[random.nextInt(PREFIXES.length)];
                if (prefix.isEmpty() || random.nextInt(8) == 0) {
                    prefix = "h" + prefix;
                }
                if (random.nextInt(10) == 0) {
                    names.add(prefix.replaceAll("[0-9]+$", "") + "login");
                } else {
                    int width = random.nextInt(4);
                    names.add(prefix + String.format("%0" + Math.max(1, width) + "d", random.nextInt(random.nextBoolean() ? 12 : 1100)));
                }
            }
            if (random.nextBoolean()) {
                Collections.sort(names);
            }
            if (random.nextInt(4) == 0 && !names.isEmpty()) {
                names.add(names.get(random.nextInt(names.size())));
            }
            out.add(names);
        }
        return out;
    }

    private String expression() {
        StringBuilder b = new StringBuilder();
        int tokens = 1 + random.nextInt(3);
        for (int t = 0; t < tokens; t++) {
            if (t > 0) {
                b.append(random.nextInt(5) == 0 ? " " : ",");
            }
            b.append(PREFIXES[random.nextInt(PREFIXES.length)]);
            int groups = random.nextInt(4) == 0 ? 0 : 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
            if (groups == 0) {
                b.append(random.nextInt(120));
                continue;
            }
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    b.append(INFIXES[random.nextInt(INFIXES.length)]);
                }
                b.append('[').append(rangeList()).append(']');
            }
        }
        return b.toString();
    }

    private String rangeList() {
        StringBuilder b = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                b.append(',');
            }
            int lo = random.nextInt(random.nextBoolean() ? 12 : 1200);
            int width = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;
            b.append(pad(lo, width));
            if (random.nextInt(3) != 0) {
                int hi = lo + random.nextInt(random.nextBoolean() ? 4 : 40);
                b.append('-').append(pad(hi, random.nextInt(4) == 0 ? width + 1 : width));
            }
        }
        return b.toString();
    }

    private String mutate(String e) {
        StringBuilder b = new StringBuilder(e);
        int pos = random.nextInt(b.length() + 1);
        switch (random.nextInt(9)) {
            case 0 -> deleteFirst(b, ']');
            case 1 -> deleteFirst(b, '[');
            case 2 -> b.append("x");
            case 3 -> b.insert(pos, ",");
            case 4 -> b.insert(pos, "-");
            case 5 -> b.append("]");
            case 6 -> b.insert(pos, "[");
            case 7 -> b.replace(0, b.length(), b.toString().replaceFirst("\\[(\\d+)-(\\d+)", "[$2-$1"));
            default -> b.insert(pos, " ");
        }
        return b.toString();
    }

    private static void deleteFirst(StringBuilder b, char c) {
        int i = b.indexOf(String.valueOf(c));
        if (i >= 0) {
            b.deleteCharAt(i);
        }
    }

    private static String pad(int value, int width) {
        return width == 0 ? Integer.toString(value) : String.format("%0" + width + "d", value);
    }
}
