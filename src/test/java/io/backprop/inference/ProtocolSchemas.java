package io.backprop.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.util.Set;

/** The published Open Inference Protocol's schemas (the KServe OpenAPI file in test resources), as a validator. */
final class ProtocolSchemas {

    private static final String DOCUMENT = "classpath:open-inference/open_inference_rest.yaml";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));

    private ProtocolSchemas() {
    }

    /** Asserts that {@code body} is valid against the document's {@code components/schemas/<name>}. */
    static void assertValid(String name, JsonNode body) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/" + name));
        Set<ValidationMessage> problems = schema.validate(body);
        assertThat(problems).as("%s against %s", body, name).isEmpty();
    }
}
