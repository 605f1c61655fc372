package io.hpcha.beegfs;

/** The kind of a BeeGFS service, node or target. */
public enum BeegfsNodeType {
    /** A metadata service; its node id is also its target id (BeeGFS has one metadata target per node). */
    META("meta"),
    /** A storage service with one or more storage targets. */
    STORAGE("storage"),
    /** The management service (beegfs-mgmtd), which decides target states and buddy failover. */
    MANAGEMENT("management");

    private final String cliName;

    BeegfsNodeType(String cliName) {
        this.cliName = cliName;
    }

    /** The spelling both command-line generations accept for {@code --nodetype} / {@code --node-type}. */
    public String cliName() {
        return cliName;
    }
}
