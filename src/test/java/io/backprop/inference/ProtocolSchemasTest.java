package io.backprop.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The schema check the protocol tests rely on does reject answers the published protocol forbids. */
class ProtocolSchemasTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anInferenceResponseWithoutModelNameIsInvalid() throws Exception {
        assertThatThrownBy(() -> ProtocolSchemas.assertValid("inference_response", json.readTree("{ \"outputs\": [] }")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("model_name");
    }

    @Test
    void anOutputWithoutDatatypeIsInvalid() throws Exception {
        assertThatThrownBy(() -> ProtocolSchemas.assertValid("inference_response", json.readTree(
                "{ \"model_name\": \"m\", \"outputs\": [ { \"name\": \"output\", \"shape\": [1], \"data\": [1] } ] }")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("datatype");
    }
}
