package io.backprop.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

/** Nested arrays read as tensors only when rectangular, whatever comes first at a depth: an array or a number. */
class NestedArrayTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void emptyArraysBesideNumbersAreNotRectangular() {
        assertThatThrownBy(() -> json.readValue("[[], 5, 6]", NestedArray.class)).isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("not rectangular");
    }

    @Test
    void rectangularAndEmptyArraysAreRead() throws Exception {
        assertThat(json.readValue("[[1, 2], [3, 4], [5, 6]]", NestedArray.class).shape()).containsExactly(3, 2);
        assertThat(json.readValue("[[], []]", NestedArray.class).shape()).containsExactly(2, 0);
        assertThat(json.readValue("[]", NestedArray.class).values()).isEmpty();
    }
}
