package io.backprop.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps /actuator/prometheus clean under {@code promtool check metrics}: every meter gets help
 * text (some of Spring's and Tomcat's have none), and the three library meters whose names break
 * Prometheus's conventions are left out: {@code jvm.compilation.time} (milliseconds) and
 * {@code process.cpu.time} (nanoseconds), which are not in base units, and {@code system.cpu.count},
 * a gauge whose name ends in {@code _count}.
 */
@Configuration(proxyBeanMethods = false)
class LintCleanExposition {

    static final Set<String> LEFT_OUT = Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

    @Bean
    MeterFilter lintCleanMeters() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return LEFT_OUT.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null && !id.getDescription().isBlank()) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                        helpText(id.getName()), id.getType());
            }
        };
    }

    /** "http.server.requests.active" → "Http server requests active". */
    static String helpText(String name) {
        String words = name.replace('.', ' ').replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
