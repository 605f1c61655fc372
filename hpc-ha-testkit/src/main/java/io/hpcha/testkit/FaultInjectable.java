package io.hpcha.testkit;

/** A fake whose failures a test controls through its {@link FaultInjector}. */
public interface FaultInjectable {
    /** This fake's injector; the same instance on every call. */
    FaultInjector faults();
}
