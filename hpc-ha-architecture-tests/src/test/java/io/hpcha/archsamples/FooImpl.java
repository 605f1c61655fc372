package io.hpcha.archsamples;

/** Violates the naming rule. */
public class FooImpl {
}
