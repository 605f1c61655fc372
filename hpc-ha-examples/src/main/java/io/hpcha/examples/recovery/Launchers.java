package io.hpcha.examples.recovery;

import io.hpcha.ComputeFleet;
import io.hpcha.ConfigurationException;
import io.hpcha.HaException;
import io.hpcha.NodeId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Finds a fleet's way to launch a replacement. The {@link ComputeFleet} SPI has no launch operation,
 * and this module finds backends by provider name only, so a fleet that can launch is recognised by a
 * public {@code String launchReplacement(NodeId)} method (the EC2 fleet has one, launching from its
 * launch template).
 */
public final class Launchers {
    private Launchers() {
    }

    /**
     * The launcher of {@code fleet}.
     *
     * @throws ConfigurationException when the fleet cannot launch instances
     */
    public static ReplacementLauncher forFleet(ComputeFleet fleet) {
        Method m;
        try {
            m = fleet.getClass().getMethod("launchReplacement", NodeId.class);
        } catch (NoSuchMethodException e) {
            throw new ConfigurationException("agent.recovery: launch-replacement needs a fleet that can launch instances; "
                    + fleet.getClass().getSimpleName() + " cannot (use start-standby)");
        }
        if (m.getReturnType() != String.class) {
            throw new ConfigurationException("agent.recovery: " + fleet.getClass().getSimpleName()
                    + ".launchReplacement does not return an instance id");
        }
        return node -> {
            try {
                return (String) m.invoke(fleet, node);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof HaException h) {
                    throw h;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new ConfigurationException("cannot call " + m + ": " + e.getMessage(), e);
            }
        };
    }
}
