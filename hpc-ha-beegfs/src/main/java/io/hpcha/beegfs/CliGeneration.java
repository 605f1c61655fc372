package io.hpcha.beegfs;

/** Which BeeGFS command-line tool to drive. */
public enum CliGeneration {
    /** Detect once: {@code beegfs version} succeeds on 8.x; if {@code beegfs} is not installed, 7.x's {@code beegfs-ctl}. */
    AUTO,
    /** BeeGFS 7.x: {@code beegfs-ctl} and {@code beegfs-df}, text tables. */
    V7,
    /** BeeGFS 8.x: the {@code beegfs} tool with {@code --output ndjson}. */
    V8
}
