package io.backprop.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backprop.config.Limits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@link Limits#maxRequestSize()}: a declared Content-Length over the limit is refused
 * at once, and a body without one is counted while it is read, so no request can exhaust memory.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ObjectMapper objectMapper;

    RequestSizeFilter(Limits limits, ObjectMapper objectMapper) {
        this.maxBytes = limits.maxRequestSize().toBytes();
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            ErrorBodies.write(request, response, Problems.of(tooLarge()), objectMapper);
            return;
        }
        chain.doFilter(new CountedRequest(request), response);
    }

    private ProblemException tooLarge() {
        return ProblemException.limit(HttpStatus.PAYLOAD_TOO_LARGE, null,
                "The request body is larger than " + maxBytes + " bytes (backprop.limits.max-request-size); send less data per request.");
    }

    /** Thrown while reading a body that grows past the limit. */
    static final class BodyTooLargeException extends IOException {

        private final transient ProblemException problem;

        BodyTooLargeException(ProblemException problem) {
            super(problem.getMessage());
            this.problem = problem;
        }

        ProblemException problem() {
            return problem;
        }
    }

    private final class CountedRequest extends HttpServletRequestWrapper {

        CountedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long count;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) throws IOException {
                    count += n;
                    if (count > maxBytes) {
                        throw new BodyTooLargeException(tooLarge());
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
