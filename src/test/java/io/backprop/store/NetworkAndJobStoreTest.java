package io.backprop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NetworkAndJobStoreTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreVendor.class)
    void aNetworkIsWrittenOverInPlaceWithItsHistoryAndDeletedWhole(StoreVendor vendor) {
        try (TestStore test = new TestStore(vendor, directory)) {
            NetworkStore store = new NetworkStore(test.jdbc, test.transactions);
            Instant created = Instant.parse("2026-01-02T03:04:05.123456Z");
            byte[] first = {1, 2, 3, (byte) 0xff};
            store.save(new NetworkStore.StoredNetwork("n1", null, "net", 1, created, created, 26, "{}", first),
                    List.of(new NetworkStore.StoredEpoch(1, "{\"loss\":1}")));
            byte[] second = new byte[100_000];
            second[99_999] = 7;
            Instant updated = created.plusNanos(1000);
            store.save(new NetworkStore.StoredNetwork("n1", null, "renamed", 2, created, updated, 26, "{\"a\":1}", second),
                    List.of(new NetworkStore.StoredEpoch(2, "{\"loss\":0.5}"), new NetworkStore.StoredEpoch(3, "{\"loss\":0.25}")));

            NetworkStore.StoredNetwork stored = store.all().get(0);
            assertThat(store.all()).hasSize(1);
            assertThat(stored.name()).isEqualTo("renamed");
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored.createdAt()).isEqualTo(created);
            assertThat(stored.updatedAt()).isEqualTo(updated);
            assertThat(stored.state()).isEqualTo(second);
            assertThat(store.epochs("n1")).extracting(NetworkStore.StoredEpoch::epoch).containsExactly(1L, 2L, 3L);

            store.dropEpochsBefore("n1", 3);
            assertThat(store.epochs("n1")).extracting(NetworkStore.StoredEpoch::record).containsExactly("{\"loss\":0.25}");
            store.delete("n1");
            assertThat(store.all()).isEmpty();
            assertThat(store.epochs("n1")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreVendor.class)
    void aFailedWriteInsideATransactionLeavesNoneOfIt(StoreVendor vendor) {
        try (TestStore test = new TestStore(vendor, directory)) {
            NetworkStore networks = new NetworkStore(test.jdbc, test.transactions);
            JobStore jobs = new JobStore(test.jdbc, test.transactions);
            Instant now = Instant.now();
            jobs.insert(new JobStore.StoredJob("j1", null, "n1", "running", now, "{}", "{\"epoch\":0}", null));

            assertThatThrownBy(() -> test.transactions.run(() -> {
                networks.save(new NetworkStore.StoredNetwork("n1", null, null, 1, now, now, 1, "{}", new byte[] {1}),
                        List.of(new NetworkStore.StoredEpoch(1, "{}")));
                jobs.checkpoint("j1", "running", "{\"epoch\":1}", new byte[] {9});
                networks.save(new NetworkStore.StoredNetwork("n1", null, null, 2, now, now, 1, "{}", new byte[] {2}),
                        List.of(new NetworkStore.StoredEpoch(1, "{}")));
            })).isInstanceOf(StoreUnavailableException.class);

            assertThat(networks.all()).isEmpty();
            assertThat(networks.epochs("n1")).isEmpty();
            JobStore.StoredJob job = jobs.all().get(0);
            assertThat(job.progress()).isEqualTo("{\"epoch\":0}");
            assertThat(job.checkpoint()).isNull();

            jobs.checkpoint("j1", "running", "{\"epoch\":1}", new byte[] {9});
            assertThat(jobs.all().get(0).checkpoint()).containsExactly(9);
            jobs.delete("j1");
            assertThat(jobs.all()).isEmpty();
        }
    }
}
