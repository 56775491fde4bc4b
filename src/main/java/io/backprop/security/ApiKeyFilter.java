package io.backprop.security;

import io.backprop.web.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one security filter: reads the key from {@code Authorization: Bearer} or {@code X-API-Key},
 * authenticates it against the stored hashes (an unknown or revoked key is a 401 at once), then
 * takes a token from the key's rate limit (empty: 429 with {@code Retry-After}). A request without
 * a key goes on unauthenticated, for the authorization rules to admit (health, documentation) or refuse.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    private final KeyService keys;
    private final RateLimiter rateLimiter;
    private final ProblemWriter problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(KeyService keys, RateLimiter rateLimiter, ProblemWriter problems) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiKey> key;
        try {
            key = presented(request).map(secret -> keys.authenticate(secret).orElseThrow(() ->
                    new ProblemWriter.KeyRejectedException("The API key is not known or has been revoked; "
                            + "send a key issued by POST /keys.")));
        } catch (ProblemWriter.KeyRejectedException rejected) {
            problems.commence(request, response, rejected);
            return;
        }
        if (key.isPresent()) {
            long wait = rateLimiter.acquire(key.get());
            if (wait > 0) {
                long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.write(request, response, new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Rate limited",
                        "The key may make " + key.get().quotas().requestsPerSecond() + " requests per second (its quota "
                                + "requestsPerSecond); retry after " + seconds + " s.", List.of()));
                return;
            }
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new KeyAuthentication(key.get()));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** The secret the request carries, if any; a malformed or ambiguous one is rejected. */
    private static Optional<String> presented(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeader(API_KEY_HEADER);
        String bearer = null;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()) || authorization.substring(BEARER.length()).isBlank()) {
                throw new ProblemWriter.KeyRejectedException("The Authorization header must read Bearer <key>.");
            }
            bearer = authorization.substring(BEARER.length()).strip();
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new ProblemWriter.KeyRejectedException("The X-API-Key header is empty; send the key in it.");
        }
        if (bearer != null && apiKey != null && !bearer.equals(apiKey.strip())) {
            throw new ProblemWriter.KeyRejectedException("Authorization and X-API-Key carry different keys; send one key.");
        }
        return Optional.ofNullable(bearer != null ? bearer : apiKey == null ? null : apiKey.strip());
    }
}
