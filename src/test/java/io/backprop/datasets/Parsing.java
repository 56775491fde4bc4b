package io.backprop.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backprop.web.FieldProblem;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.http.HttpStatus;

/** Assertions shared by the parser tests: a file refused with 400, its part and message exact. */
final class Parsing {

    private Parsing() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code parse} fails with 400 naming {@code part} with exactly {@code message}, and saying nothing was stored. */
    static void assertRefused(ThrowingCallable parse, String part, String message) {
        BadFileException refused = catchThrowableOfType(BadFileException.class, parse);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.errors()).containsExactly(new FieldProblem(part, message));
        assertThat(refused.getMessage()).isEqualTo(part + ": " + message + "; nothing was stored.");
    }
}
