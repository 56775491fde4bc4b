package io.backprop.web;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's front matter; enum values are documented as they travel (lower case), defaults in words. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Backprop Service", version = "v1",
                description = """
                        Define multilayer perceptrons over HTTP, train them with backpropagation and gradient descent, \
                        predict with them, and see one step of backpropagation in full: forward values z and a, node \
                        errors δ, gradients and the update, exactly as textbook worked examples print them.

                        Conventions: weights use PyTorch's `nn.Linear` layout, `weights[j][i]` from input i to unit j \
                        (shape [units][fanIn]); a layer computes `z = a_prev · Wᵀ + b`, `a = f(z)`. Losses are batch means \
                        of per-sample losses: `mse` = (1/m) Σᵢ ½‖ŷᵢ − yᵢ‖² (note the ½, unlike PyTorch's MSELoss), \
                        `cross_entropy` = −(1/m) Σᵢ Σₖ yᵢₖ log ŷᵢₖ on a softmax output, `binary_cross_entropy` on a sigmoid \
                        output, both computed from the logits in a numerically stable form. Reported node errors are \
                        per sample, δᵢ = ∂ℓᵢ/∂zᵢ; gradients are batch means ∂L/∂W = (1/m) Σᵢ δᵢ a_prev,ᵢᵀ.

                        Errors are RFC 9457 problem details (`application/problem+json`) with an `errors` list naming \
                        the JSON path of every invalid field. A rejected request changes nothing.""",
                license = @License(name = "Apache-2.0"),
                contact = @Contact(name = "Backprop Service maintainers")),
        tags = {
            @Tag(name = "networks", description = "Define, inspect and delete networks; read and replace their parameters"),
            @Tag(name = "training", description = "Train, explain one backpropagation step, check gradients"),
            @Tag(name = "inference", description = "Predict and evaluate")
        })
class OpenApiConfig {

    static {
        Json.mapper().enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
    }

    /**
     * Request fields with a default are optional: the default is stated in the field's description
     * rather than as a {@code default} keyword, which TypeScript generators read as "always present".
     */
    @Bean
    @SuppressWarnings("unchecked")
    GlobalOpenApiCustomizer defaultsInDescriptions() {
        return openApi -> openApi.getComponents().getSchemas().values().forEach(schema -> {
            if (schema.getProperties() == null) {
                return;
            }
            ((Map<String, Schema<?>>) (Map<?, ?>) schema.getProperties()).values().forEach(property -> {
                if (property.getDefault() != null) {
                    String description = property.getDescription() == null ? "" : property.getDescription() + " ";
                    property.setDescription(description + "Default: " + property.getDefault() + ".");
                    property.setDefault(null);
                    property.setDefaultSetFlag(false);
                }
            });
        });
    }
}
