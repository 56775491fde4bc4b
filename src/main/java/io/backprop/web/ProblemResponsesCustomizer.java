package io.backprop.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** Documents the problem responses declared with {@link ProblemResponses}, all with the shared Problem schema. */
@Configuration(proxyBeanMethods = false)
class ProblemResponsesCustomizer {

    private static final Map<Integer, String> MEANINGS = Map.of(
            400, "Invalid request: `errors` names the JSON path of every invalid field and what to change. Nothing changed.",
            409, "A training job holds the network (or another job is already running on it); wait or cancel the job.",
            413, "Too much data in one request: more rows than backprop.limits.max-rows-per-request, or a larger body than "
                    + "backprop.limits.max-request-size.",
            422, "Well-formed but refused: a size limit of the service, or training diverged (non-finite loss or parameter; "
                    + "the network is left as it was before the call).",
            500, "A failure of the service (a bug).");

    @Bean
    GlobalOpenApiCustomizer problemSchema() {
        return openApi -> ModelConverters.getInstance().readAll(ProblemSchema.class)
                .forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
    }

    @Bean
    GlobalOperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            ProblemResponses declared = handlerMethod.getMethodAnnotation(ProblemResponses.class);
            if (declared != null) {
                for (int status : declared.value()) {
                    operation.getResponses().addApiResponse(String.valueOf(status), new ApiResponse()
                            .description(meaning(status, declared))
                            .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
                }
            }
            return operation;
        };
    }

    private static String meaning(int status, ProblemResponses declared) {
        return switch (status) {
            case 404 -> declared.notFound();
            case 429 -> declared.tooMany();
            default -> MEANINGS.getOrDefault(status, HttpStatus.valueOf(status).getReasonPhrase());
        };
    }
}
