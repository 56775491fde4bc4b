package io.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.BackpropApplication;
import java.net.InetAddress;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/** Local mode needs no key and answers this machine only: it binds to loopback and refuses any other address. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalModeTest {

    @Autowired
    private ServletWebServerApplicationContext context;

    @Autowired
    private TestRestTemplate http;

    @Test
    void localModeListensOnLoopbackOnlyAndNeedsNoKey() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(((InetAddress) connector.getProperty("address")).isLoopbackAddress()).isTrue();
        assertThat(http.getForEntity("/networks", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/keys/me", String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void networkDescriptionCountsTheBytesItHolds() {
        Client client = new Client(http, null);
        String sgd = client.network(Client.SMALL_NETWORK);
        String adam = client.network("""
                { "inputs": 2, "dtype": "float64", "layers": [ { "units": 2, "activation": "sigmoid" } ],
                  "optimizer": { "type": "adam" } }""");
        client.post("/networks/" + adam + "/train", "{ \"inputs\": [[0.1, 0.2]], \"targets\": [[0, 1]] }");

        assertThat(client.get("/networks/" + sgd).getBody().get("bytes").asLong()).isEqualTo(6 * 4);
        assertThat(client.get("/networks/" + adam).getBody().get("bytes").asLong()).isEqualTo(6 * 8 * 3);
    }

    @Test
    void localModeRefusesToStartOnAnotherAddressNamingTheProperty() {
        SpringApplicationBuilder everywhere = new SpringApplicationBuilder(BackpropApplication.class)
                .properties("server.address=0.0.0.0", "server.port=0");

        assertThatThrownBy(everywhere::run).hasStackTraceContaining("backprop.security.mode").hasStackTraceContaining("0.0.0.0");
    }

    @Test
    void loopbackAddressesAreKeptAndOthersRefused() throws Exception {
        assertThat(LoopbackGuard.loopbackOnly(null).isLoopbackAddress()).isTrue();
        assertThat(LoopbackGuard.loopbackOnly(InetAddress.getByName("::1"))).isEqualTo(InetAddress.getByName("::1"));
        assertThatThrownBy(() -> LoopbackGuard.loopbackOnly(InetAddress.getByName("192.168.1.10")))
                .hasMessageContaining("backprop.security.mode=keys");
    }
}
