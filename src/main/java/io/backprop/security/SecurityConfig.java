package io.backprop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security rules, stateless and without sessions, cookies or CSRF tokens (no browser
 * credentials are involved): {@code local} mode admits every request; {@code keys} mode admits
 * health, the documentation and the playground's static page without a key, keeps key management
 * and the management endpoints for admin keys, and needs a key for everything else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

    private static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/v2/health/**",
        "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/", "/index.html", "/webjars/**", "/favicon.ico"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecuritySettings settings, KeyService keys, RateLimiter rateLimiter,
                                            ObjectMapper objectMapper) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!settings.keys()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        ProblemWriter problems = new ProblemWriter(objectMapper);
        return http
                .addFilterBefore(new ApiKeyFilter(keys, rateLimiter, problems), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers(staticFile()).permitAll()
                        .requestMatchers("/keys/me").authenticated()
                        .requestMatchers("/keys", "/keys/**", "/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    AdminKeyBootstrap adminKeyBootstrap(SecuritySettings settings, KeyService keys) {
        return new AdminKeyBootstrap(settings, keys);
    }

    /** A GET or HEAD of a file the service ships as a static resource (the playground's page and its assets). */
    private static RequestMatcher staticFile() {
        return request -> (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod()))
                && StaticFiles.exists(request.getRequestURI().substring(request.getContextPath().length()));
    }
}
