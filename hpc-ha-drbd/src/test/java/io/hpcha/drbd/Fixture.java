package io.hpcha.drbd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the captured output under {@code src/test/resources/fixtures} (origins in its README). */
public final class Fixture {
    private Fixture() {
    }

    /** The whole file. */
    public static String load(String path) {
        try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A command captured from the installed drbd-utils ({@code drbd-utils-9.22/}): its argument
     * vector, exit code, standard output and standard error, as recorded by the header lines.
     */
    public static Captured captured(String name) {
        String[] lines = load("drbd-utils-9.22/" + name).split("\n", -1);
        List<String> argv = List.of(lines[0].substring(2).split(" "));
        int exit = Integer.parseInt(lines[1].substring("# exit ".length()));
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        StringBuilder target = null;
        for (int i = 2; i < lines.length; i++) {
            if (lines[i].equals("# stdout:")) {
                target = out;
            } else if (lines[i].equals("# stderr:")) {
                target = err;
            } else if (target != null && !(i == lines.length - 1 && lines[i].isEmpty())) {
                target.append(lines[i]).append('\n');
            }
        }
        return new Captured(argv, exit, out.toString(), err.toString());
    }

    /** One captured run of a drbd-utils program. */
    public record Captured(List<String> argv, int exitCode, String stdout, String stderr) {
    }

    /**
     * The output blocks of a drbd-utils {@code .test} file: for each {@code $ command} line, the
     * lines it printed (without the trailing exit code line).
     */
    public static List<Block> events2Blocks(String name) {
        List<Block> blocks = new ArrayList<>();
        String command = null;
        List<String> lines = new ArrayList<>();
        for (String line : load("drbd9-events2/" + name).split("\n")) {
            if (line.startsWith("$ ")) {
                if (command != null) {
                    blocks.add(new Block(command, lines));
                }
                command = line.substring(2);
                lines = new ArrayList<>();
            } else {
                lines.add(line);
            }
        }
        if (command != null) {
            blocks.add(new Block(command, lines));
        }
        return blocks;
    }

    /** The output of the block whose command contains {@code option} ("" for the plain one, the first). */
    public static List<String> events2(String name, String option) {
        for (Block b : events2Blocks(name)) {
            boolean plain = option.isEmpty() && !b.command().contains(" --");
            if (plain || !option.isEmpty() && b.command().contains(option)) {
                return b.output();
            }
        }
        throw new IllegalArgumentException("no block " + option + " in " + name);
    }

    /** One command of a {@code .test} file and what it printed, the exit code line removed. */
    public record Block(String command, List<String> printed) {
        public List<String> output() {
            List<String> out = new ArrayList<>();
            for (String line : printed) {
                // the suite pipes --color through `cat -v`, which shows ESC as ^[; undo that
                out.add(command.contains("cat -v") ? line.replace("^[", "\u001B") : line);
            }
            if (!out.isEmpty() && out.get(out.size() - 1).matches("\\d+")) {
                out.remove(out.size() - 1);
            }
            return out;
        }

        public int exitCode() {
            return Integer.parseInt(printed.get(printed.size() - 1));
        }
    }
}
