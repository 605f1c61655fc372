package io.hpcha.drbd.internal;

import io.hpcha.UnexpectedOutputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contents of {@code /proc/drbd}. On every DRBD its first line names the kernel module's version
 * ({@code version: 8.4.11 (api:1/proto:86-101)}, {@code version: 9.2.4 (api:2/proto:86-122)}), which
 * is how the backend tells 8.4 from 9; DRBD 8.4 then lists one block per minor, in the format of the
 * kernel's {@code drbd_proc.c}:
 *
 * <pre>
 *  1: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----
 *     ns:12031428 nr:0 dw:12031364 dr:1175992347 al:2179 bm:71877 lo:37 pe:0 ua:37 ap:0 ep:1 wo:b oos:301729988
 *         [=======&gt;............] sync'ed: 42.4% (294656/510908)M
 *         finish: 1:23:28 speed: 60,172 (51,448) K/sec
 * </pre>
 *
 * @param version the module version as printed ({@code 8.4.3})
 * @param major   its major number
 * @param minorVersion its minor number
 * @param minors  the device blocks by minor (always empty on DRBD 9)
 */
public record ProcDrbd(String version, int major, int minorVersion, Map<Integer, ProcDrbdMinor> minors) {
    private static final Pattern VERSION = Pattern.compile("version:\\s+((\\d+)\\.(\\d+)\\S*)(\\s.*)?");
    private static final Pattern DEVICE = Pattern.compile(
            "\\s*(\\d+):\\s+cs:(\\S+)(?:\\s+ro:(\\S+)\\s+ds:(\\S+)(?:\\s+[ABC])?\\s+(\\S+))?\\s*");
    private static final Pattern OOS = Pattern.compile("(?:^|\\s)oos:(\\d+)(?:\\s|$)");
    private static final Pattern PROGRESS = Pattern.compile("\\s*\\[[=>.]*\\]\\s+(?:sync'ed|verified):\\s*([\\d.]+)%.*");
    private static final Pattern FINISH = Pattern.compile("\\s*finish:\\s+(\\d+):(\\d{2}):(\\d{2})(?:\\s.*)?");
    private static final Pattern IGNORED = Pattern.compile(
            "(srcversion:|GIT-hash:|Transports\\s|built-in|\\s+(resync:|act_log:|stalled\\s*$)).*|\\s*");

    public ProcDrbd {
        Objects.requireNonNull(version, "version");
        minors = Map.copyOf(minors);
    }

    /** Whether the module is DRBD 9 or later. */
    public boolean isDrbd9() {
        return major >= 9;
    }

    /** Parses the whole file. */
    public static ProcDrbd parse(String text) {
        String[] lines = text.split("\n", -1);
        Matcher v = VERSION.matcher(lines[0].strip());
        if (!v.matches()) {
            throw new UnexpectedOutputException("/proc/drbd does not start with a version line", text);
        }
        Map<Integer, Builder> blocks = new LinkedHashMap<>();
        Builder current = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            Matcher m;
            if ((m = DEVICE.matcher(line)).matches()) {
                current = new Builder(Integer.parseInt(m.group(1)), m.group(2),
                        Objects.requireNonNullElse(m.group(3), ""), Objects.requireNonNullElse(m.group(4), ""),
                        Objects.requireNonNullElse(m.group(5), ""));
                blocks.put(current.minor, current);
            } else if (current != null && line.strip().startsWith("ns:")) {
                Matcher oos = OOS.matcher(line);
                if (oos.find()) {
                    current.oos = OptionalLong.of(Counters.unsigned(oos.group(1), text));
                }
            } else if (current != null && (m = PROGRESS.matcher(line)).matches()) {
                current.percent = OptionalDouble.of(Double.parseDouble(m.group(1)));
            } else if (current != null && (m = FINISH.matcher(line)).matches()) {
                current.finish = Optional.of(Duration.ofHours(Long.parseLong(m.group(1)))
                        .plusMinutes(Long.parseLong(m.group(2))).plusSeconds(Long.parseLong(m.group(3))));
            } else if (!IGNORED.matcher(line).matches()) {
                throw new UnexpectedOutputException("unrecognised line in /proc/drbd: '" + line.strip() + "'", text);
            }
        }
        Map<Integer, ProcDrbdMinor> minors = new LinkedHashMap<>();
        blocks.forEach((k, b) -> minors.put(k, b.build()));
        return new ProcDrbd(v.group(1), Integer.parseInt(v.group(2)), Integer.parseInt(v.group(3)), minors);
    }

    private static final class Builder {
        final int minor;
        final String cs;
        final String ro;
        final String ds;
        final String flags;
        OptionalLong oos = OptionalLong.empty();
        OptionalDouble percent = OptionalDouble.empty();
        Optional<Duration> finish = Optional.empty();

        Builder(int minor, String cs, String ro, String ds, String flags) {
            this.minor = minor;
            this.cs = cs;
            this.ro = ro;
            this.ds = ds;
            this.flags = flags;
        }

        ProcDrbdMinor build() {
            return new ProcDrbdMinor(minor, cs, ro, ds, flags, oos, percent, finish);
        }
    }
}
