package io.backprop.datasets;

import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** An uploaded file or form field that cannot be used; nothing is stored. */
final class BadFileException extends ProblemException {

    BadFileException(String part, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid-file", "Invalid file", part + ": " + message + "; nothing was stored.",
                List.of(new FieldProblem(part, message)));
    }
}
