package io.backprop.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.engine.kernels.BlasThreads;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "backprop.engine.blas-threads=1")
class EngineSettingsTest {

    @Test
    void theServiceAppliesTheConfiguredBlasThreadsAtStartUp() {
        assertThat(BlasThreads.current()).isEqualTo(1);
    }

    @Test
    void zeroMeansOneThreadPerCore() {
        assertThat(new EngineSettings(0).effectiveBlasThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new EngineSettings(3).effectiveBlasThreads()).isEqualTo(3);
    }
}
