package io.hpcha.examples.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hpcha.ConfigurationException;
import io.hpcha.policy.RemediationBudget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The daemons' HTTP endpoint: {@code GET /metrics} answers the Prometheus text exposition,
 * {@code GET /health} answers {@code ok}. A daemon with a {@link RemediationBudget} also takes an
 * operator's {@code POST /budget/reset?operator=NAME} (end protected mode now) and
 * {@code POST /budget/hold?operator=NAME} (keep it until reset), and answers {@code GET /budget}; these
 * are accepted only from the host itself (a loopback client), since the endpoint may listen on every
 * interface for Prometheus. Built on the JDK's own HTTP server, one daemon thread. Thread-safe;
 * {@link #close()} stops it.
 */
public final class MetricsServer implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Pattern OPERATOR = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code metrics} on {@code host}:{@code port} (port 0 picks a free one).
     *
     * @throws ConfigurationException when the address cannot be bound
     */
    public static MetricsServer start(DaemonMetrics metrics, String host, int port) {
        Objects.requireNonNull(metrics, "metrics");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new ConfigurationException("metrics: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/metrics", ex -> respond(ex, 200, PROMETHEUS_TEXT, metrics.scrape()));
        server.createContext("/health", ex -> respond(ex, 200, "text/plain; charset=utf-8", "ok\n"));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hpcha-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    /**
     * Adds the operator's budget endpoints for {@code budget}.
     *
     * @return this server
     */
    public MetricsServer operate(RemediationBudget budget) {
        Objects.requireNonNull(budget, "budget");
        server.createContext("/budget", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
                    send(ex, 403, "budget changes are accepted from this host only\n");
                } else if (path.equals("/budget") && "GET".equals(ex.getRequestMethod())) {
                    send(ex, 200, describe(budget));
                } else if (!"POST".equals(ex.getRequestMethod())) {
                    ex.sendResponseHeaders(405, -1);
                } else {
                    String operator = operator(ex.getRequestURI().getRawQuery());
                    if (operator == null) {
                        send(ex, 400, "expected ?operator=NAME (letters, digits, . _ @ -)\n");
                    } else if (path.equals("/budget/reset")) {
                        budget.reset(operator);
                        send(ex, 200, describe(budget));
                    } else if (path.equals("/budget/hold")) {
                        budget.hold(operator);
                        send(ex, 200, describe(budget));
                    } else {
                        send(ex, 404, "expected /budget/reset or /budget/hold\n");
                    }
                }
            }
        });
        return this;
    }

    private static String describe(RemediationBudget budget) {
        return budget.state() + budget.protectionReason().map(r -> ": " + r).orElse("") + "\n";
    }

    private static String operator(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("operator=")) {
                String name = URLDecoder.decode(pair.substring("operator=".length()), StandardCharsets.UTF_8);
                return OPERATOR.matcher(name).matches() ? name : null;
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
