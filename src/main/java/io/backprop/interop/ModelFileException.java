package io.backprop.interop;

import io.backprop.web.FieldProblem;
import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An import that cannot go ahead: a damaged file (400: truncated, inconsistent, wrong checksum,
 * non-finite numbers) or a model made of something the service does not compute (422).
 */
final class ModelFileException extends ProblemException {

    private ModelFileException(HttpStatus status, String type, String title, String field, String message) {
        super(status, type, title, field + " " + message + "; nothing was created.", List.of(new FieldProblem(field, message)));
    }

    /** The file is damaged or inconsistent: 400 naming where. */
    static ModelFileException damaged(String field, String message) {
        return new ModelFileException(HttpStatus.BAD_REQUEST, "damaged-file", "Damaged file", field, message);
    }

    /** The file is sound but holds a node, key or type the service cannot take: 422 naming it. */
    static ModelFileException unsupported(String field, String message) {
        return new ModelFileException(HttpStatus.UNPROCESSABLE_ENTITY, "unsupported-model", "Unsupported model", field, message);
    }
}
