package io.backprop.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The shape of an error body: an RFC 9457 problem detail everywhere but under {@code /v2}, where
 * the Open Inference Protocol's own {@code {"error": "<sentence>"}} stands, with the same status.
 */
public final class ErrorBodies {

    /** Where the Open Inference Protocol's endpoints live. */
    public static final String OPEN_INFERENCE_PATH = "/v2";

    private ErrorBodies() {
    }

    /** Whether a request to this path (without the context path) answers errors as {@code {"error"}}. */
    public static boolean plain(String path) {
        return path.equals(OPEN_INFERENCE_PATH) || path.startsWith(OPEN_INFERENCE_PATH + "/");
    }

    /** Whether this request answers errors as {@code {"error"}}. */
    public static boolean plain(HttpServletRequest request) {
        return plain(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** The Open Inference Protocol's error body for a problem: its detail sentence. */
    public static Map<String, String> plainBody(ProblemDetail problem) {
        String sentence = problem.getDetail() != null ? problem.getDetail() : problem.getTitle();
        return Map.of("error", sentence == null ? "The request failed." : sentence);
    }

    /** Writes the problem as this request's error body (status, content type and body). */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
                             ObjectMapper objectMapper) throws IOException {
        response.setStatus(problem.getStatus());
        if (plain(request)) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), plainBody(problem));
            return;
        }
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
