package io.backprop.interop;

import io.swagger.v3.oas.models.media.Schema;
import java.util.Set;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

/** Describes {@link NestedArray} in the OpenAPI description as what its JSON is: nested arrays of numbers, not its fields. */
@Configuration(proxyBeanMethods = false)
class NestedArraySchema {

    static {
        SpringDocUtils.getConfig().replaceWithSchema(NestedArray.class, new Schema<>().type("array").types(Set.of("array"))
                .items(new Schema<>().description("A number, or a row: the nested array one level down."))
                .description("Nested arrays of numbers, row-major: [[…], …] for a matrix, […] for a vector (tensor.tolist())."));
    }
}
