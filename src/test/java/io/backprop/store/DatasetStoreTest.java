package io.backprop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DatasetStoreTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreVendor.class)
    void matricesOfSeveralChunksComeBackBitForBit(StoreVendor vendor) {
        try (TestStore test = new TestStore(vendor, directory)) {
            DatasetStore store = new DatasetStore(test.jdbc, test.transactions);
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                int rows = MatrixChunks.CHUNK_BYTES / (300 * type.width()) * 2 + 7;
                INDArray x = Nd4j.rand(type, rows, 300).subi(0.5).muli(1e6);
                INDArray y = Nd4j.rand(type, rows, 3);
                String id = UUID.randomUUID().toString();
                store.save(new DatasetStore.StoredDataset(id, null, Instant.now(), x.length() * type.width(), "{\"type\":\"" + type + "\"}"),
                        x, y, () -> { });

                assertThat(test.jdbc.sql("SELECT count(*) FROM dataset_chunks WHERE dataset_id = ? AND matrix = 0").param(id)
                        .query(Integer.class).single()).isEqualTo(3);
                INDArray xBack = store.matrix(id, DatasetStore.INPUTS, type, rows, 300);
                assertThat(xBack.shape()).isEqualTo(x.shape());
                assertThat(xBack.data().asBytes()).as("bit for bit").isEqualTo(x.data().asBytes());
                assertThat(store.matrix(id, DatasetStore.TARGETS, type, rows, 3).data().asBytes()).isEqualTo(y.data().asBytes());
                assertThat(store.all()).extracting(DatasetStore.StoredDataset::id).contains(id);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreVendor.class)
    void anUploadLeftUnfinishedIsRemovedAndADeleteRemovesEveryRow(StoreVendor vendor) {
        try (TestStore test = new TestStore(vendor, directory)) {
            DatasetStore store = new DatasetStore(test.jdbc, test.transactions);
            String kept = UUID.randomUUID().toString();
            store.save(new DatasetStore.StoredDataset(kept, null, Instant.now(), 48, "{}"), Nd4j.ones(DataType.FLOAT, 4, 2),
                    Nd4j.zeros(DataType.FLOAT, 4, 1), () -> { });
            test.jdbc.sql("INSERT INTO datasets (id, owner, created_at, description, complete) VALUES ('half', NULL, ?, '{}', 0)")
                    .param(Instant.now().toString()).update();
            test.jdbc.sql("INSERT INTO dataset_chunks (dataset_id, matrix, seq, data) VALUES ('half', 0, 0, ?)")
                    .param(new byte[16]).update();

            assertThat(store.all()).extracting(DatasetStore.StoredDataset::id).containsExactly(kept);
            store.removeIncomplete(Instant.now().minusSeconds(60));
            assertThat(test.jdbc.sql("SELECT count(*) FROM dataset_chunks WHERE dataset_id = 'half'").query(Integer.class).single())
                    .as("an upload younger than the horizon may still be streaming in on another replica").isOne();
            store.removeIncomplete(Instant.now().plusSeconds(1));
            assertThat(test.jdbc.sql("SELECT count(*) FROM dataset_chunks WHERE dataset_id = 'half'").query(Integer.class).single()).isZero();
            assertThat(store.totals(null)).isEqualTo(new DatasetStore.Totals(1, 48));

            store.delete(kept);
            assertThat(store.all()).isEmpty();
            assertThat(test.jdbc.sql("SELECT count(*) FROM dataset_chunks").query(Integer.class).single()).isZero();
        }
    }

    @Test
    void deletingALargeDataSetShrinksTheSqliteFile() {
        try (TestStore test = new TestStore(StoreVendor.SQLITE, directory)) {
            DatasetStore store = new DatasetStore(test.jdbc, test.transactions);
            File file = new File(test.database.url().substring("jdbc:sqlite:".length()));
            INDArray x = Nd4j.rand(DataType.FLOAT, 20_000, 200);
            store.save(new DatasetStore.StoredDataset("big", null, Instant.now(), 20_000 * 201 * 4, "{}"), x,
                    Nd4j.zeros(DataType.FLOAT, 20_000, 1), () -> { });
            test.jdbc.sql("PRAGMA wal_checkpoint(TRUNCATE)").query().listOfRows();
            long full = file.length();

            store.delete("big");
            test.jdbc.sql("PRAGMA wal_checkpoint(TRUNCATE)").query().listOfRows();

            assertThat(full).isGreaterThan(16_000_000);
            assertThat(file.length()).isLessThan(1_000_000);
        }
    }
}
