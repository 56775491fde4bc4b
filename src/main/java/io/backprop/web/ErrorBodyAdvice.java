package io.backprop.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Rewrites the problem details of requests under {@code /v2} (from {@link ProblemAdvice} and
 * {@link ProblemErrorController}) into the Open Inference Protocol's {@code {"error"}} body,
 * keeping their status.
 */
@RestControllerAdvice
class ErrorBodyAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet
                && ErrorBodies.plain(servlet.getServletRequest())) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            return ErrorBodies.plainBody(problem);
        }
        return body;
    }
}
