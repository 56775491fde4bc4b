package io.backprop.security;

import java.net.InetAddress;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * In {@code local} mode the service answers this machine only: it binds to the loopback address
 * when none is configured, and refuses to start on any other. Runs after {@code server.address} is applied.
 */
@Component
class LoopbackGuard implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>, Ordered {

    private final SecuritySettings settings;

    LoopbackGuard(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public void customize(AbstractConfigurableWebServerFactory factory) {
        if (!settings.keys()) {
            factory.setAddress(loopbackOnly(factory.getAddress()));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The address to bind in local mode: the loopback address, or {@code configured} when it is a loopback address. */
    static InetAddress loopbackOnly(InetAddress configured) {
        if (configured == null) {
            return InetAddress.getLoopbackAddress();
        }
        if (!configured.isLoopbackAddress()) {
            throw new IllegalStateException("server.address is " + configured.getHostAddress() + ", but "
                    + SecuritySettings.MODE_PROPERTY + " is local, which needs no keys and so serves this machine only. "
                    + "To listen on other addresses set " + SecuritySettings.MODE_PROPERTY
                    + "=keys (the first admin key comes from backprop.security.bootstrap-key or is generated); "
                    + "to stay local, remove server.address or set it to 127.0.0.1.");
        }
        return configured;
    }
}
