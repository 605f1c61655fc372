package io.hpcha.examples.failover;

import io.hpcha.HaException;
import io.hpcha.ReplicatedVolume;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the resource group down on the active controller, in the reverse of the plan's order: the
 * services last to first, then the mount, then the volume is demoted. The floating address is left
 * where it is: the peer moves it when it takes over. Each part is attempted even when an earlier one
 * fails; the failures are logged and the last one is rethrown. Idempotent; thread-safe if its parts are.
 */
public final class ResourceGroupStop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceGroupStop.class);

    private final ServiceManager services;
    private final List<String> names;
    private final FilesystemMount mount;
    private final ReplicatedVolume volume;

    /** {@code mount} and {@code volume} may be null when the group has none. */
    public ResourceGroupStop(ServiceManager services, List<String> names, FilesystemMount mount, ReplicatedVolume volume) {
        this.services = Objects.requireNonNull(services, "services");
        this.names = List.copyOf(names);
        this.mount = mount;
        this.volume = volume;
    }

    @Override
    public void run() {
        HaException last = null;
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        for (String service : reversed) {
            last = attempt("stop " + service, () -> {
                if (services.isActive(service)) {
                    services.stop(service);
                }
            }, last);
        }
        if (mount != null) {
            last = attempt("unmount " + mount.directory(), () -> {
                if (mount.isMounted()) {
                    mount.unmount();
                }
            }, last);
        }
        if (volume != null) {
            last = attempt("demote " + volume.name(), volume::demote, last);
        }
        if (last != null) {
            throw last;
        }
    }

    private static HaException attempt(String what, Runnable part, HaException last) {
        try {
            part.run();
            LOG.atInfo().setMessage("Hand-over: {}").addArgument(what).log();
            return last;
        } catch (HaException e) {
            LOG.atError().setMessage("Hand-over: {} failed: {}").addArgument(what).addArgument(e.getMessage()).log();
            return e;
        }
    }
}
