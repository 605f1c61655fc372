package io.hpcha.slurm.internal;

import io.hpcha.UnexpectedOutputException;
import java.util.Map;
import java.util.Set;

/** Reads a job's state from {@code scontrol show job -o ID}. Stateless. */
public final class JobText {
    /** States a job leaves by itself; anything else counts as finished. */
    private static final Set<String> ACTIVE = Set.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED",
            "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESIZING", "RESV_DEL_HOLD", "SIGNALING", "STAGE_OUT", "STOPPED");

    private JobText() {
    }

    /**
     * A job's state.
     *
     * @param state  {@code JobState}, for example {@code COMPLETED}
     * @param reason {@code Reason}, {@code None} when Slurm gives none
     */
    public record JobState(String state, String reason) {
        /** Whether the job has ended (successfully or not). */
        public boolean finished() {
            return !ACTIVE.contains(state);
        }
    }

    /** Parses one job's line. */
    public static JobState parse(String output) {
        Map<String, String> fields = NodesText.fields(output.trim());
        String state = fields.get("JobState");
        if (state == null || state.isEmpty()) {
            throw new UnexpectedOutputException("scontrol show job printed no JobState", output);
        }
        return new JobState(state, fields.getOrDefault("Reason", "None"));
    }
}
