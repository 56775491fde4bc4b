package io.backprop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.web.ProblemException;
import io.backprop.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Writes the security answers (401, 403, 429) as problem details, as every other error of the service. */
final class ProblemWriter implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String CHALLENGE = "Bearer realm=\"backprop\"";
    static final String MISSING = "This request needs an API key: send Authorization: Bearer <key> or X-API-Key: <key>.";

    private final ObjectMapper objectMapper;

    ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** 401 with the Bearer challenge; the exception's message says what was wrong with the key. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason) throws IOException {
        String detail = reason instanceof KeyRejectedException ? reason.getMessage() : MISSING;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        write(request, response, new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail, List.of()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        write(request, response, new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "Only an admin key may do this (manage keys, read management endpoints); the key sent is not an admin key.", List.of()));
    }

    void write(HttpServletRequest request, HttpServletResponse response, ProblemException exception) throws IOException {
        ProblemDetail problem = Problems.of(exception);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(exception.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /** A key was presented but cannot be used; the message says why. */
    static final class KeyRejectedException extends AuthenticationException {

        KeyRejectedException(String message) {
            super(message);
        }
    }
}
