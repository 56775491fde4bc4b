package io.backprop.store;

import com.zaxxer.hikari.HikariDataSource;
import io.backprop.metrics.StoreMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A migrated, empty store on one vendor, built the way the service builds its own; close it to drop it. */
final class TestStore implements AutoCloseable {

    final StoreVendor vendor;
    final StoreVendor.Database database;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final StoreTransactions transactions;

    TestStore(StoreVendor vendor, Path directory) {
        this.vendor = vendor;
        this.database = vendor.create(directory);
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(database.url());
        this.dataSource = new DataSourceConfiguration().dataSource(properties, new StoreSettings("FULL", Duration.ofSeconds(30)));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor.name().toLowerCase()).load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new StoreTransactions(new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new StoreMetrics(new SimpleMeterRegistry()));
    }

    @Override
    public void close() {
        dataSource.close();
        database.drop().run();
    }
}
