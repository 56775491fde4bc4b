package io.backprop.store;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store's connection pool. For a SQLite file: its directory is made, a damaged file stops the start, and every
 * connection uses the write-ahead log, waits for a busy database, takes the write lock when a transaction begins and
 * gives deleted pages back to the file system.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, StoreSettings settings) {
        String url = properties.determineUrl();
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        SqliteFile file = SqliteFile.of(url);
        if (url != null && url.startsWith(SqliteFile.PREFIX)) {
            if (file != null) {
                file.ensureDirectory();
                file.checkReadable();
                file.createWhenMissing();
            }
            dataSource.addDataSourceProperty("journal_mode", "WAL");
            dataSource.addDataSourceProperty("synchronous", settings.synchronous());
            dataSource.addDataSourceProperty("busy_timeout", String.valueOf(settings.busyTimeout().toMillis()));
            dataSource.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            dataSource.addDataSourceProperty("foreign_keys", "true");
        }
        return dataSource;
    }
}
