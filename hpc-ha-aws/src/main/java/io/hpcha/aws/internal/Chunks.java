package io.hpcha.aws.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Splits id lists into the batches an EC2 call accepts. */
public final class Chunks {
    private Chunks() {
    }

    /** The distinct ids of {@code ids}, in order, in lists of at most {@code size}. */
    public static List<List<String>> of(Collection<String> ids, int size) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += size) {
            chunks.add(List.copyOf(distinct.subList(i, Math.min(distinct.size(), i + size))));
        }
        return chunks;
    }
}
