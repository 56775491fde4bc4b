package io.backprop.store;

import io.backprop.metrics.StoreMetrics;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs store work, writes in one transaction; any failure of the store comes out as {@link StoreUnavailableException}. */
@Component
public class StoreTransactions {

    private final TransactionTemplate template;
    private final StoreMetrics metrics;

    StoreTransactions(TransactionTemplate template, StoreMetrics metrics) {
        this.template = template;
        this.metrics = metrics;
    }

    /** Runs {@code work} in one transaction: all of it is stored, or none; its duration goes to the store-write histogram. */
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return metrics.timeWrite(() -> template.execute(status -> work.get()));
        } catch (DataAccessException | TransactionException failure) {
            throw new StoreUnavailableException(failure);
        }
    }

    /**
     * Runs {@code work} in one transaction that holds row locks while it computes (a change serialised across
     * replicas): all of its writes are stored, or none. Only its writes count as store writes in the histogram.
     */
    public <T> T locked(Supplier<T> work) {
        try {
            return template.execute(status -> work.get());
        } catch (DataAccessException | TransactionException failure) {
            throw new StoreUnavailableException(failure);
        }
    }

    /** Runs reads outside a transaction (they take no write lock). */
    public <T> T read(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException failure) {
            throw new StoreUnavailableException(failure);
        }
    }

    /** Runs {@code work} in one transaction: all of it is stored, or none. */
    public void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
