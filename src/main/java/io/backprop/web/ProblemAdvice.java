package io.backprop.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail: the service's own {@link ProblemException}s, Bean
 * Validation failures and unreadable JSON as 400 with an {@code errors} list of JSON paths, and
 * Spring MVC's own failures (404, 405, 415, …) through the base class.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException exception) {
        return ResponseEntity.status(exception.status()).body(Problems.of(exception));
    }

    /** A multipart body that cannot be read: truncated, without a closing boundary, too many parts. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return ResponseEntity.badRequest().body(Problems.of(ProblemException.invalid("$", "is not a readable multipart/form-data body ("
                + cause.getMessage() + "); send complete parts, each with a name, ended by the closing boundary")));
    }

    /**
     * A request body Jackson cannot bind to the request's type (a text where an array of numbers
     * belongs, say): Spring reports it as a conversion failure rather than an unreadable body.
     */
    @ExceptionHandler(HttpMessageConversionException.class)
    ResponseEntity<ProblemDetail> unconvertible(HttpMessageConversionException exception) {
        if (!(exception instanceof HttpMessageNotWritableException)) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof JsonMappingException mapping) {
                    return ResponseEntity.badRequest().body(Problems.of(ProblemException.invalid(List.of(JsonErrors.describe(mapping)))));
                }
            }
        }
        return unexpected(exception);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        LOG.error("Unexpected failure", exception);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "The service failed unexpectedly; this is a bug, not a problem with the request.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : exception.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.isBindingFailure()
                    ? "cannot be read as the expected type (a number, true or false, or text): '" + error.getRejectedValue() + "'"
                    : error.getDefaultMessage()));
        }
        for (ObjectError error : exception.getBindingResult().getGlobalErrors()) {
            errors.add(new FieldProblem("$", error.getDefaultMessage()));
        }
        return ResponseEntity.badRequest().body(Problems.of(ProblemException.invalid(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        JsonMappingException mapping = null;
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.of(tooLarge.problem()));
            }
            if (cause instanceof StreamConstraintsException limit) {
                return ResponseEntity.badRequest().body(Problems.of(ProblemException.invalid("$", "exceeds a limit of the JSON reader: "
                        + limit.getOriginalMessage().replaceAll(",? ?\\(?from `[^`]*`\\)?", "").strip())));
            }
            if (cause instanceof JsonParseException parse) {
                return ResponseEntity.badRequest().body(Problems.of(ProblemException.invalid(List.of(JsonErrors.describe(parse)))));
            }
            if (mapping == null && cause instanceof JsonMappingException found) {
                mapping = found;
            }
        }
        if (mapping != null) {
            return ResponseEntity.badRequest().body(Problems.of(ProblemException.invalid(List.of(JsonErrors.describe(mapping)))));
        }
        return ResponseEntity.badRequest().body(Problems.of(ProblemException.invalid("$",
                "is missing or is not a JSON document; send a JSON object with Content-Type application/json")));
    }
}
