package io.backprop.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A client-visible failure carrying everything its problem detail needs: status, a short
 * {@code title}, a type slug, the {@code detail} sentence and any field problems.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String type;
    private final List<FieldProblem> errors;

    public ProblemException(HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(List<FieldProblem> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public static ProblemException limit(HttpStatus status, String field, String detail) {
        return new ProblemException(status, "limit-exceeded", "Limit exceeded", detail,
                field == null ? List.of() : List.of(new FieldProblem(field, detail)));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return type;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
