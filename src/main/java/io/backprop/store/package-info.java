/** The durable store: the data source (SQLite by default, PostgreSQL when configured), Flyway migrations and the JDBC repositories. */
package io.backprop.store;
