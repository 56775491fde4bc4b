package io.backprop.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key; admin keys hold {@code ROLE_ADMIN}. */
final class KeyAuthentication extends AbstractAuthenticationToken {

    private final transient ApiKey key;

    KeyAuthentication(ApiKey key) {
        super(key.admin() ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_KEY"))
                : List.of(new SimpleGrantedAuthority("ROLE_KEY")));
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiKey getPrincipal() {
        return key;
    }

    @Override
    public String getName() {
        return key.id();
    }
}
