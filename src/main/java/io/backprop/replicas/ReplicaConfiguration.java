package io.backprop.replicas;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** PostgreSQL's replica coordination when the store is a PostgreSQL server, one process's otherwise. */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    @Bean
    Replicas replicas(DataSourceProperties properties, JdbcClient jdbc) {
        String url = properties.determineUrl();
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            PostgresReplicas replicas = new PostgresReplicas(jdbc, PostgresReplicas.driver(url, properties.determineUsername(),
                    properties.determinePassword()));
            replicas.start();
            return replicas;
        }
        return new SingleProcess(jdbc);
    }
}
