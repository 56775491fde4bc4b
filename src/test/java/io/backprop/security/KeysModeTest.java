package io.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every status of the keys contract: 401 without a usable key, 403 for non-admins on /keys, 201/200/204/404/409 for admins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "backprop.security.mode=keys", "backprop.security.bootstrap-key=" + KeysModeTest.ADMIN})
class KeysModeTest {

    static final String ADMIN = "test-admin-key-0123456789";

    @Autowired
    private TestRestTemplate http;

    private Client admin() {
        return new Client(http, ADMIN);
    }

    @Test
    void requestWithoutKeyIsUnauthorizedWithBearerChallenge() {
        ResponseEntity<JsonNode> answer = admin().as(null).get("/networks");

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"backprop\"");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("status").asInt()).isEqualTo(401);
        assertThat(answer.getBody().get("detail").asText()).contains("X-API-Key");
        assertThat(answer.getBody().get("instance").asText()).isEqualTo("/networks");
    }

    @Test
    void unknownKeyIsUnauthorized() {
        ResponseEntity<JsonNode> answer = admin().as("bp_not-a-key-anyone-has").post("/networks", Client.SMALL_NETWORK);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"backprop\"");
        assertThat(answer.getBody().get("detail").asText()).contains("not known");
        assertThat(admin().get("/networks").getBody()).isEmpty();
    }

    @Test
    void otherAuthorizationSchemeIsUnauthorized() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("user", "password");
        ResponseEntity<JsonNode> answer = http.exchange("/networks", HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getBody().get("detail").asText()).contains("Bearer");
    }

    @Test
    void keyInXApiKeyHeaderIsAccepted() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-API-Key", ADMIN);
        ResponseEntity<JsonNode> answer = http.exchange("/keys/me", HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("id").asText()).isEqualTo("admin");
        assertThat(answer.getBody().get("admin").asBoolean()).isTrue();
        assertThat(answer.getBody().has("key")).isFalse();
    }

    @Test
    void healthDocumentationAndSwaggerUiNeedNoKey() {
        Client anonymous = admin().as(null);

        assertThat(anonymous.get("/actuator/health").getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/ping").getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/v3/api-docs/swagger-config", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void issuedKeyIsShownOnceAndWorksAtOnce() {
        ResponseEntity<JsonNode> created = admin().post("/keys", """
                { "name": "team-a", "quotas": { "maxNetworks": 3, "requestsPerSecond": 100 } }""");

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        JsonNode body = created.getBody();
        String id = body.get("id").asText();
        assertThat(created.getHeaders().getLocation()).hasToString("/keys/" + id);
        assertThat(body.get("name").asText()).isEqualTo("team-a");
        assertThat(body.get("admin").asBoolean()).isFalse();
        assertThat(body.at("/quotas/maxNetworks").asInt()).isEqualTo(3);
        assertThat(body.get("createdAt").asText()).isNotBlank();
        String secret = body.get("key").asText();
        assertThat(secret).startsWith("bp_").hasSizeGreaterThan(40);

        JsonNode me = admin().as(secret).get("/keys/me").getBody();
        assertThat(me.get("id").asText()).isEqualTo(id);
        assertThat(me.has("key")).isFalse();
        JsonNode described = admin().get("/keys/" + id).getBody();
        assertThat(described.has("key")).isFalse();
        assertThat(described.toString()).doesNotContain(secret);
        assertThat(admin().get("/keys").getBody().toString()).doesNotContain(secret).contains(id);
    }

    @Test
    void nonAdminKeyIsForbiddenOnKeyManagement() {
        Client tenant = admin().as(admin().issue("{ \"name\": \"tenant\" }"));

        for (ResponseEntity<JsonNode> answer : java.util.List.of(tenant.get("/keys"), tenant.post("/keys", "{ \"name\": \"x\" }"),
                tenant.get("/keys/admin"), tenant.delete("/keys/admin"), tenant.get("/keys/no-such-key"))) {
            assertThat(answer.getStatusCode().value()).isEqualTo(403);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody().get("detail").asText()).contains("admin key");
        }
        assertThat(tenant.get("/keys/me").getStatusCode().value()).isEqualTo(200);
        assertThat(admin().get("/keys/admin").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void revokedKeyStopsWorkingAtOnce() {
        ResponseEntity<JsonNode> created = admin().post("/keys", "{ \"name\": \"short-lived\" }");
        Client tenant = admin().as(created.getBody().get("key").asText());
        assertThat(tenant.get("/networks").getStatusCode().value()).isEqualTo(200);

        ResponseEntity<JsonNode> revoked = admin().delete("/keys/" + created.getBody().get("id").asText());

        assertThat(revoked.getStatusCode().value()).isEqualTo(204);
        assertThat(tenant.get("/networks").getStatusCode().value()).isEqualTo(401);
        assertThat(admin().get("/keys/" + created.getBody().get("id").asText()).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void unknownKeyIdIsNotFoundForAdmin() {
        ResponseEntity<JsonNode> answer = admin().delete("/keys/no-such-key");

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody().get("detail").asText()).contains("no-such-key");
    }

    @Test
    void lastAdminKeyCannotBeRevoked() {
        ResponseEntity<JsonNode> answer = admin().delete("/keys/admin");

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(admin().get("/keys/me").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void invalidKeyRequestIsRejectedWithFieldProblems() {
        ResponseEntity<JsonNode> answer = admin().post("/keys", "{ \"name\": \"\", \"quotas\": { \"maxNetworks\": 0 } }");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("errors").toString()).contains("name").contains("quotas.maxNetworks");
    }

    @Test
    void managementEndpointsOtherThanHealthNeedAnAdminKey() {
        Client tenant = admin().as(admin().issue("{ \"name\": \"curious\" }"));

        assertThat(tenant.get("/actuator/info").getStatusCode().value()).isEqualTo(403);
        assertThat(admin().get("/actuator/info").getStatusCode().value()).isEqualTo(200);
    }
}
