package io.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.BackpropApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Keys, their revocation and what each key owns come back from the store after a restart. */
class KeysSurviveRestartTest {

    private static final String ADMIN = "restart-admin-key-0123456789";

    @TempDir
    Path directory;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BackpropApplication.class).run("--server.port=0", "--backprop.security.mode=keys",
                "--backprop.security.bootstrap-key=" + ADMIN, "--backprop.engine.warmup.enabled=false",
                "--spring.datasource.url=jdbc:sqlite:" + directory.resolve("backprop.db"));
    }

    private static Client admin(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Client(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)), ADMIN);
    }

    @Test
    void keysRevocationsAndOwnershipSurviveARestart() {
        String owner;
        String stranger;
        String revoked;
        String network;
        try (ConfigurableApplicationContext first = start()) {
            Client admin = admin(first);
            owner = admin.post("/keys", "{\"name\": \"owner\"}").getBody().get("key").asText();
            stranger = admin.post("/keys", "{\"name\": \"stranger\"}").getBody().get("key").asText();
            var gone = admin.post("/keys", "{\"name\": \"gone\"}").getBody();
            revoked = gone.get("key").asText();
            assertThat(admin.delete("/keys/" + gone.get("id").asText()).getStatusCode().value()).isEqualTo(204);
            network = admin.as(owner).post("/networks", Client.SMALL_NETWORK).getBody().get("id").asText();
        }
        try (ConfigurableApplicationContext second = start()) {
            Client admin = admin(second);
            assertThat(admin.as(owner).get("/networks/" + network).getStatusCode().value()).isEqualTo(200);
            assertThat(admin.as(owner).get("/keys/me").getBody().get("name").asText()).isEqualTo("owner");
            assertThat(admin.as(stranger).get("/networks/" + network).getStatusCode().value()).isEqualTo(404);
            assertThat(admin.as(stranger).get("/networks").getBody()).isEmpty();
            assertThat(admin.as(revoked).get("/networks").getStatusCode().value()).isEqualTo(401);
            assertThat(admin.get("/networks").getBody()).hasSize(1);
        }
    }
}
