package io.backprop.security;

import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who owns what: the key of the current request owns what it creates and sees only what it owns;
 * an admin key sees everything. In {@code local} mode, and for work outside any request (jobs
 * running in the background, start-up), there is no owner and everything is visible. A request
 * without a key (only health, documentation and static pages admit one) sees nothing.
 */
@Component
public class Tenancy {

    private final SecuritySettings settings;

    Tenancy(SecuritySettings settings) {
        this.settings = settings;
    }

    /** The key making the current request; empty in local mode, outside requests and for requests without a key. */
    public Optional<ApiKey> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return settings.keys() && authentication instanceof KeyAuthentication key ? Optional.of(key.getPrincipal()) : Optional.empty();
    }

    /** The owner to record on what the current request creates: its key's id, or null when there is none. */
    public String owner() {
        return caller().map(ApiKey::id).orElse(null);
    }

    /** Whether the current caller may see (and so act on) something owned by {@code owner}. */
    public boolean sees(String owner) {
        if (!settings.keys()) {
            return true;
        }
        Optional<ApiKey> caller = caller();
        if (caller.isEmpty()) {
            return RequestContextHolder.getRequestAttributes() == null;
        }
        return caller.get().admin() || Objects.equals(caller.get().id(), owner);
    }
}
