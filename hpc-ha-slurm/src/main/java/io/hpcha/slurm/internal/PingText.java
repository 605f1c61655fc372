package io.hpcha.slurm.internal;

import io.hpcha.ControllerRole;
import io.hpcha.ControllerStatus;
import io.hpcha.UnexpectedOutputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code scontrol ping}: one {@code Slurmctld(primary|backup|backupN) at HOST is UP|DOWN} line
 * per configured controller, in configuration order, then a banner when none answers. Stateless.
 */
public final class PingText {
    private static final Pattern LINE = Pattern.compile("Slurmctld\\((primary|backup\\d*)\\) at (\\S+) is (UP|DOWN)\\s*");

    private PingText() {
    }

    /** The controllers, primary first. */
    public static List<ControllerStatus> parse(String output) {
        List<ControllerStatus> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line.trim());
            if (m.matches()) {
                int index = out.size();
                out.add(new ControllerStatus(m.group(2), index == 0 ? ControllerRole.PRIMARY : ControllerRole.BACKUP,
                        index, m.group(3).equals("UP")));
            } else if (!line.isBlank() && !line.startsWith("*")) {
                throw new UnexpectedOutputException("unexpected line in scontrol ping output", output);
            }
        }
        if (out.isEmpty()) {
            throw new UnexpectedOutputException("scontrol ping named no controller", output);
        }
        return List.copyOf(out);
    }
}
