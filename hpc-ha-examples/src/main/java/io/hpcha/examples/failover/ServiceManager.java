package io.hpcha.examples.failover;

/** Starts and stops the controller's services. Implementations are thread-safe and idempotent. */
public interface ServiceManager {
    void start(String service);

    void stop(String service);

    /** Whether the service runs now. */
    boolean isActive(String service);
}
