package io.hpcha.drbd.internal;

/**
 * DRBD's tools mix {@code -} and {@code _} in key names ({@code peer-node-id} beside
 * {@code peer_devices} in {@code status --json}, {@code may_promote} beside {@code conn-name} in
 * {@code events2}), and have renamed keys between releases. Keys are compared in one canonical form,
 * with every {@code _} read as {@code -}.
 */
public final class Keys {
    private Keys() {
    }

    /** {@code peer_devices} → {@code peer-devices}. */
    public static String canonical(String key) {
        return key.replace('_', '-');
    }
}
