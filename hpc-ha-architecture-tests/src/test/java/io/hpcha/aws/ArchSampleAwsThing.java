package io.hpcha.aws;

/** Test-only stand-in for an aws backend class. */
public class ArchSampleAwsThing {
}
