package io.hpcha;

/** Test-only sample in the api's package that depends on the testkit: the api rule must flag it. */
public class ArchSampleApiUsingTestkit {
    public Object clock() {
        return new io.hpcha.testkit.ManualClock();
    }
}
