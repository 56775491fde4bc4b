package io.backprop.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the service's RFC 9457 problem details. */
public final class Problems {

    /** Prefix of every problem {@code type} the service defines. */
    public static final String TYPE_PREFIX = "urn:backprop:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static ProblemDetail of(ProblemException exception) {
        return of(exception.status(), exception.type(), exception.title(), exception.getMessage(), exception.errors());
    }
}
