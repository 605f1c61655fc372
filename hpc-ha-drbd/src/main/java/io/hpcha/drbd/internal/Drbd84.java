package io.hpcha.drbd.internal;

import io.hpcha.DiskState;
import io.hpcha.NotFoundException;
import io.hpcha.ReplicaRole;
import io.hpcha.SyncProgress;
import io.hpcha.UnexpectedOutputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A DRBD 8.4 resource from {@code drbdadm role|cstate|dstate <res>} (one line per volume:
 * {@code Secondary/Primary}, {@code Connected}, {@code UpToDate/UpToDate}), with sync progress,
 * suspension and out-of-sync from the resource's minors ({@code drbdadm sh-minor <res>}) in
 * {@code /proc/drbd}. DRBD 8.4 has one peer per resource; it reports neither the peer's name nor
 * quorum, so the peer is named by the caller and quorum is always true. Stateless.
 */
public final class Drbd84 {
    private Drbd84() {
    }

    /**
     * Builds the resource.
     *
     * @param peerName how to call the peer
     */
    public static DrbdResource resource(String name, String peerName, String role, String cstate, String dstate,
                                        String minorsText, ProcDrbd proc) {
        String raw = "role: " + role + "\ncstate: " + cstate + "\ndstate: " + dstate + "\nminors: " + minorsText;
        List<String[]> roles = pairs(role, raw);
        List<String> cstates = lines(cstate);
        List<String[]> disks = pairs(dstate, raw);
        List<Integer> minors = lines(minorsText).stream().map(m -> minor(m, raw)).toList();
        if (roles.isEmpty() || roles.size() != cstates.size() || roles.size() != disks.size()
                || roles.size() != minors.size()) {
            throw new UnexpectedOutputException("drbdadm role/cstate/dstate/sh-minor disagree on the number of volumes", raw);
        }
        if (cstates.contains("Unconfigured") || roles.stream().anyMatch(r -> r[0].equals("Unconfigured"))) {
            throw new NotFoundException("DRBD resource '" + name + "' is not up on this node (Unconfigured)");
        }
        List<DrbdDevice> devices = new ArrayList<>();
        List<DrbdPeerDevice> peerDevices = new ArrayList<>();
        boolean suspended = false;
        for (int v = 0; v < roles.size(); v++) {
            DrbdStates.Cstate84 cs = DrbdStates.cstate84(cstates.get(v), raw);
            DiskState local = DrbdStates.disk(disks.get(v)[0], raw);
            DiskState peer = DrbdStates.disk(disks.get(v)[1], raw);
            devices.add(new DrbdDevice(v, local, false, true));
            ProcDrbdMinor m = proc.minors().get(minors.get(v));
            Optional<SyncProgress> sync = Optional.empty();
            long oos = 0;
            if (m != null) {
                suspended |= m.suspended();
                oos = m.outOfSyncKib().orElse(0);
                if (cs.replication().isSyncing()) {
                    sync = SyncProgresses.of(m.syncPercent(), m.finish()
                            .map(d -> OptionalDouble.of(d.toSeconds())).orElse(OptionalDouble.empty()));
                }
            }
            peerDevices.add(new DrbdPeerDevice(v, cs.replication(), peer, false, sync, oos));
        }
        ReplicaRole localRole = DrbdStates.role(roles.get(0)[0], raw);
        ReplicaRole peerRole = DrbdStates.role(roles.get(0)[1], raw);
        DrbdPeer peer = new DrbdPeer(-1, peerName, DrbdStates.cstate84(cstates.get(0), raw).connection(), peerRole, peerDevices);
        return new DrbdResource(name, localRole, suspended, Optional.empty(), devices, List.of(peer));
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static List<String[]> pairs(String text, String raw) {
        List<String[]> out = new ArrayList<>();
        for (String line : lines(text)) {
            if (line.equals("Unconfigured")) {
                out.add(new String[] {line, line});
                continue;
            }
            String[] p = line.split("/");
            if (p.length != 2) {
                throw new UnexpectedOutputException("expected local/peer, found '" + line + "'", raw);
            }
            out.add(p);
        }
        return out;
    }

    private static int minor(String text, String raw) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UnexpectedOutputException("drbdadm sh-minor printed no minor number: '" + text + "'", raw, e);
        }
    }
}
