package io.hpcha.bench.ec2;

import io.hpcha.bench.cluster.GeneratedCluster;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link Ec2PagesStandIn} in its own JVM, so that the benchmark's CPU time and heap are the
 * agent's alone: {@code Ec2StandInServer NODES FAILED} prints {@code READY <port>} on standard output
 * once it serves, and runs until killed or until its standard input closes.
 */
public final class Ec2StandInServer {
    private Ec2StandInServer() {
    }

    public static void main(String[] args) throws Exception {
        GeneratedCluster cluster = GeneratedCluster.of(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        CountDownLatch done = new CountDownLatch(1);
        try (Ec2PagesStandIn standIn = Ec2PagesStandIn.start(cluster)) {
            System.out.println("READY " + standIn.endpoint().getPort());
            System.out.flush();
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent keeps stdin open while it needs the stand-in
                    }
                } catch (java.io.IOException e) {
                    // parent gone
                }
                done.countDown();
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
            done.await();
        }
    }
}
