package io.hpcha.bench.ec2;

import io.hpcha.bench.cluster.GeneratedCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An {@link Ec2StandInServer} in a child JVM (same classpath, its own 1 GiB heap): started, read and
 * stopped by the benchmark. Closing it closes the child's standard input, which ends it. Not
 * thread-safe.
 */
public final class StandInProcess implements AutoCloseable {
    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private StandInProcess(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static StandInProcess start(GeneratedCluster cluster) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback-bench.xml",
                Ec2StandInServer.class.getName(), Integer.toString(cluster.nodes()), Integer.toString(cluster.failedCount())))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IOException("EC2 stand-in did not start: " + line);
        }
        return new StandInProcess(p, Integer.parseInt(line.substring(6).trim()));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Requests served per action since the last reset. */
    public Map<String, Long> counts() {
        return admin("counts");
    }

    public void resetCounts() {
        admin("reset");
    }

    private Map<String, Long> admin(String what) {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(endpoint.resolve("/__bench/" + what)).timeout(Duration.ofSeconds(30));
            r = what.equals("reset") ? r.POST(HttpRequest.BodyPublishers.noBody()) : r.GET();
            String body = http.send(r.build(), HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Long> counts = new TreeMap<>();
            for (String line : body.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    counts.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
                }
            }
            return counts;
        } catch (IOException e) {
            throw new IllegalStateException("EC2 stand-in does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
