package io.hpcha.slurm;

/** Test-only sample: a slurm class that reaches into the aws backend; backend isolation must flag it. */
public class ArchSampleSlurmUsingAws {
    public Object peer() {
        return new io.hpcha.aws.ArchSampleAwsThing();
    }
}
