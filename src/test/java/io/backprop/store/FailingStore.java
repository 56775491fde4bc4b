package io.backprop.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A store that fails on purpose: the service's data source, wrapped so that once armed, every statement after the
 * first {@code n} fails as an unreachable database would. Import it into a test context and inject it.
 */
public final class FailingStore {

    private static final int HEALTHY = Integer.MAX_VALUE;

    private final AtomicInteger statementsLeft = new AtomicInteger(HEALTHY);

    /** Every statement from now on fails. */
    public void failEverything() {
        failAfter(0);
    }

    /** The next {@code statements} statements run; every one after them fails. */
    public void failAfter(int statements) {
        statementsLeft.set(statements);
    }

    public void heal() {
        statementsLeft.set(HEALTHY);
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if ((name.startsWith("prepare") || name.equals("createStatement") || name.equals("commit"))
                    && statementsLeft.get() != HEALTHY && statementsLeft.getAndDecrement() <= 0) {
                throw new SQLException("the store fails on purpose");
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** Wraps the service's data source in a {@link FailingStore}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        FailingStore failingStore() {
            return new FailingStore();
        }

        @Bean
        static BeanPostProcessor failingDataSource(org.springframework.beans.factory.ObjectProvider<FailingStore> store) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof DataSource dataSource) || bean instanceof DelegatingDataSource) {
                        return bean;
                    }
                    return new DelegatingDataSource(dataSource) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            return store.getObject().wrap(super.getConnection());
                        }
                    };
                }
            };
        }
    }
}
