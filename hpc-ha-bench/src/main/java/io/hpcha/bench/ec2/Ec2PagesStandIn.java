package io.hpcha.bench.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.hpcha.bench.cluster.GeneratedCluster;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * WireMock on a random loopback port answering EC2 Query API requests about one
 * {@link GeneratedCluster}, counting the requests it serves per action. The counts are also served
 * as text at {@code GET /__bench/counts} ({@code Action=count} lines) and cleared by
 * {@code POST /__bench/reset}, so that a stand-in in another JVM can be read. WireMock's request
 * journal is off: 25,000 naive requests must not fill the stand-in's heap. Thread-safe.
 */
public final class Ec2PagesStandIn implements AutoCloseable {
    private final WireMockServer server;
    private final Ec2Responses responses;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private Ec2PagesStandIn(GeneratedCluster cluster, int port) {
        this.responses = new Ec2Responses(cluster);
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(port)
                .disableRequestJournal().containerThreads(8).extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    /** Starts a stand-in serving {@code cluster} on a free loopback port. */
    public static Ec2PagesStandIn start(GeneratedCluster cluster) {
        return new Ec2PagesStandIn(cluster, 0);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Requests served per action, sorted by action. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void resetCounts() {
        counts.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "ec2-pages-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String url = event.getRequest().getUrl();
            if (url.startsWith("/__bench/")) {
                return admin(url);
            }
            Map<String, String> params = form(event.getRequest().getBodyAsString());
            String action = params.getOrDefault("Action", "");
            counts.computeIfAbsent(action, a -> new LongAdder()).increment();
            Ec2Responses.Answer a = responses.handle(action, params, UUID.randomUUID().toString());
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(a.status())
                    .withHeader("Content-Type", "text/xml;charset=UTF-8").withHeader("Server", "AmazonEC2")
                    .withBody(a.body()).build();
        }

        private ResponseDefinition admin(String url) {
            if (url.equals("/__bench/reset")) {
                resetCounts();
            }
            StringBuilder text = new StringBuilder();
            counts().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", "text/plain").withBody(text.toString()).build();
        }
    }
}
