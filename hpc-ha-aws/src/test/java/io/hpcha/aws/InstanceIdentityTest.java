package io.hpcha.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hpcha.BackendUnavailableException;
import io.hpcha.UnexpectedOutputException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/** IMDSv2 through the SDK's Ec2MetadataClient, against WireMock playing the metadata service. */
class InstanceIdentityTest {
    static final String TOKEN = "AQAEAFtoken-for-tests==";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

    WireMockServer imds;
    Ec2MetadataClient client;

    @BeforeEach
    void metadataService() {
        imds = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        imds.start();
        client = Ec2MetadataClient.builder().endpoint(URI.create("http://127.0.0.1:" + imds.port())).build();
        imds.stubFor(put(urlEqualTo("/latest/api/token")).withHeader("X-aws-ec2-metadata-token-ttl-seconds", urlMatchingAny())
                .willReturn(aResponse().withStatus(200).withHeader("X-aws-ec2-metadata-token-ttl-seconds", "21600").withBody(TOKEN)));
        // without the session token, IMDSv2-only instances answer 401
        imds.stubFor(get(urlMatching("/latest/meta-data/.*")).withHeader(TOKEN_HEADER, absent())
                .willReturn(aResponse().withStatus(401)));
        metadata("instance-id", "i-0abc1234def567890");
        metadata("placement/region", "us-east-1");
        metadata("placement/availability-zone", "us-east-1b");
        metadata("mac", "0e:49:61:0f:c3:11");
        metadata("network/interfaces/macs/0e:49:61:0f:c3:11/interface-id", "eni-0123456789abcdef0");
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern urlMatchingAny() {
        return com.github.tomakehurst.wiremock.client.WireMock.matching("[0-9]+");
    }

    void metadata(String path, String value) {
        imds.stubFor(get(urlEqualTo("/latest/meta-data/" + path)).withHeader(TOKEN_HEADER, equalTo(TOKEN))
                .willReturn(aResponse().withStatus(200).withBody(value)));
    }

    @AfterEach
    void stop() {
        client.close();
        imds.stop();
    }

    @Test
    void identityComesFromImdsV2WithASessionTokenOnEveryRead() {
        InstanceIdentity id = InstanceIdentity.fromImds(client);

        assertThat(id).isEqualTo(new InstanceIdentity("i-0abc1234def567890", "us-east-1", "us-east-1b", "eni-0123456789abcdef0"));
        imds.verify(putRequestedFor(urlEqualTo("/latest/api/token")));
        List<LoggedRequest> reads = imds.findAll(getRequestedFor(urlMatching("/latest/meta-data/.*")));
        assertThat(reads).hasSize(5).allSatisfy(r -> assertThat(r.getHeader(TOKEN_HEADER)).isEqualTo(TOKEN));
        LoggedRequest first = imds.getAllServeEvents().get(imds.getAllServeEvents().size() - 1).getRequest();
        assertThat(first.getMethod().getName()).isEqualTo("PUT");
    }

    @Test
    void withoutATokenThereIsNoFallbackToImdsV1() {
        imds.stubFor(put(urlEqualTo("/latest/api/token")).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> InstanceIdentity.fromImds(client)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("IMDSv2");
        assertThat(imds.findAll(getRequestedFor(urlMatching("/latest/meta-data/.*")))).isEmpty();
    }

    @Test
    void anAnswerThatIsNotAnInstanceIdIsUnexpectedOutput() {
        metadata("instance-id", "<html>captive portal</html>");

        assertThatThrownBy(() -> InstanceIdentity.fromImds(client)).isInstanceOf(UnexpectedOutputException.class)
                .hasMessageContaining("instance-id");
    }
}
