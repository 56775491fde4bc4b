package io.backprop.config;

import io.backprop.engine.kernels.BlasThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Applies {@link EngineSettings} to the native libraries when the service starts. */
@Component
class EngineConfiguration implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    private final EngineSettings settings;

    EngineConfiguration(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        BlasThreads.use(settings.effectiveBlasThreads());
        log.info("Matrix products run on {} BLAS thread(s)", BlasThreads.current());
    }
}
