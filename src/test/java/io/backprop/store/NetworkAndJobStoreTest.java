package io.backprop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
            JobStore.StoredJob job = jobs.find("j1").orElseThrow();
            assertThat(job.progress()).isEqualTo("{\"epoch\":0}");
            assertThat(job.checkpoint()).isNull();

            jobs.checkpoint("j1", "running", "{\"epoch\":1}", new byte[] {9});
            assertThat(jobs.find("j1").orElseThrow().checkpoint()).containsExactly(9);
            jobs.delete("j1");
            assertThat(jobs.find("j1")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreVendor.class)
    void theJobQueueOffersRunningJobsFirstThenQueuedOnesOldestFirst(StoreVendor vendor) {
        try (TestStore test = new TestStore(vendor, directory)) {
            JobStore jobs = new JobStore(test.jdbc, test.transactions);
            Instant start = Instant.parse("2026-01-02T03:04:05Z");
            jobs.insert(new JobStore.StoredJob("old-queued", "k", "n1", "queued", start, "{}", "{}", null));
            jobs.insert(new JobStore.StoredJob("done", "k", "n2", "succeeded", start.plusSeconds(1), "{}", "{}", null));
            jobs.insert(new JobStore.StoredJob("running", "k", "n3", "running", start.plusSeconds(2), "{}", "{}", null));
            jobs.insert(new JobStore.StoredJob("new-queued", null, "n4", "queued", start.plusSeconds(3), "{}", "{}", null));
            jobs.update("done", "succeeded", "{}", start.plusSeconds(10));
            String lock = vendor == StoreVendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
            List<String> offered = new ArrayList<>();

            assertThat(jobs.takeWaiting(lock, id -> offered.add(id) && id.equals("new-queued"))).contains("new-queued");
            assertThat(offered).containsExactly("running", "old-queued", "new-queued");
            assertThat(jobs.takeWaiting(lock, id -> false)).isEmpty();
            assertThat(jobs.count("queued")).isEqualTo(2);
            assertThat(jobs.countActive("k")).isEqualTo(2);
            assertThat(jobs.activeFor("n3")).contains("running");
            assertThat(jobs.activeFor("n2")).isEmpty();
            assertThat(jobs.requestCancel("done")).isFalse();
            assertThat(jobs.requestCancel("old-queued")).isTrue();
            assertThat(jobs.cancelRequested()).containsExactly("old-queued");
            assertThat(jobs.describe("old-queued").orElseThrow().cancelRequested()).isTrue();
            assertThat(jobs.describe("done").orElseThrow().finishedAt()).isEqualTo(start.plusSeconds(10));
            assertThat(jobs.deleteFinishedBefore(start.plusSeconds(10))).isZero();
            assertThat(jobs.deleteFinishedBefore(start.plusSeconds(11))).isEqualTo(1);
            assertThat(jobs.list()).extracting(JobStore.StoredJob::id).containsExactly("old-queued", "running", "new-queued");
        }
    }
}
