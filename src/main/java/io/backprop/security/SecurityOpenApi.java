package io.backprop.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Declares the two ways to send a key ({@code bearerAuth}, {@code apiKey} in {@code X-API-Key})
 * and requires one of them on every operation, so that Swagger UI's "Authorize" sends it. In
 * {@code local} mode the requirement is optional (an empty alternative); in {@code keys} mode
 * every secured operation also documents its 401 and 429, and the open ones (health) need none.
 */
@Component
class SecurityOpenApi implements GlobalOpenApiCustomizer {

    static final String BEARER = "bearerAuth";
    static final String API_KEY = "apiKey";
    private static final String PROBLEM = "#/components/schemas/Problem";

    private final SecuritySettings settings;

    SecurityOpenApi(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key as a bearer token: Authorization: Bearer <key>."))
                .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                        .name(ApiKeyFilter.API_KEY_HEADER).description("An API key in the X-API-Key header."));
        List<SecurityRequirement> requirements = new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER),
                new SecurityRequirement().addList(API_KEY)));
        if (!settings.keys()) {
            requirements.add(new SecurityRequirement());
        }
        openApi.setSecurity(requirements);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (path.startsWith("/v2/health")) {
                operation.setSecurity(List.of());
            } else if (settings.keys()) {
                respond(operation, "401", "No key, or an unknown or revoked one (WWW-Authenticate: Bearer realm=\"backprop\").");
                respond(operation, "429", "A quota of the key exceeded (the problem names it), or its request rate "
                        + "(Retry-After says when to retry).");
            }
        }));
    }

    private static void respond(Operation operation, String status, String description) {
        if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
        }
    }
}
