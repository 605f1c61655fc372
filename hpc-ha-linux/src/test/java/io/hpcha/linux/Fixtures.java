package io.hpcha.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Captured output of iproute2 and iputils: {@code ip-json/*.json} is {@code ip -json addr show} from
 * the namespaces of {@code scripts/netns-testbed.sh} and from a Debian 12 host (iproute2 6.1);
 * {@code ip-errors/*.txt} is what {@code ip}, {@code arping} and {@code ip netns exec} print when they fail.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static String ipJson(String name) {
        return read("/ip-json/" + name + ".json");
    }

    public static String ipError(String name) {
        return read("/ip-errors/" + name + ".txt");
    }

    private static String read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
