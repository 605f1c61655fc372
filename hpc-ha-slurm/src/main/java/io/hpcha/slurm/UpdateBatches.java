package io.hpcha.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a node update into as few hostlist expressions as the limits allow: at most
 * {@code maxNodes} names each, and each expression at most {@code maxChars} long (a list of
 * dissimilar names compresses poorly). Stateless.
 */
final class UpdateBatches {
    private UpdateBatches() {
    }

    /** The expressions, covering {@code sortedNames} in order. */
    static List<String> split(List<String> sortedNames, int maxNodes, int maxChars) {
        List<String> out = new ArrayList<>();
        for (int from = 0; from < sortedNames.size(); from += maxNodes) {
            addFitting(sortedNames.subList(from, Math.min(sortedNames.size(), from + maxNodes)), maxChars, out);
        }
        return out;
    }

    private static void addFitting(List<String> names, int maxChars, List<String> out) {
        String expression = Hostlist.compress(names);
        if (expression.length() <= maxChars || names.size() == 1) {
            out.add(expression);
            return;
        }
        int half = names.size() / 2;
        addFitting(names.subList(0, half), maxChars, out);
        addFitting(names.subList(half, names.size()), maxChars, out);
    }
}
