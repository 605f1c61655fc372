package io.hpcha.slurm;

/** Which Slurm command a {@link SlurmScheduler} reads node state from. */
public enum NodeSource {
    /** By version: {@link #SCONTROL_JSON} from 23.02, {@link #SINFO_JSON} on 21.08/22.05, else text. */
    AUTO,
    /** {@code sinfo --json} (Slurm 21.08 and 22.05: one entry per node). */
    SINFO_JSON,
    /** {@code scontrol show nodes --json} (Slurm 23.02 and later). */
    SCONTROL_JSON,
    /** {@code scontrol show node -o}: every version, and the fallback when JSON output is missing. */
    SCONTROL_TEXT
}
