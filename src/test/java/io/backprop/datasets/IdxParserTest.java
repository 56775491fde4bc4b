package io.backprop.datasets;

import static io.backprop.datasets.Parsing.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** IDX uploads (images + labels, plain or gzip): what is read, the byte limits asked first, and each refusal's message. */
class IdxParserTest {

    private static final LongConsumer ANY_SIZE = bytes -> { };

    @Test
    void imagesAreFlattenedRowMajorAndLabelsOneHot() throws IOException {
        byte[] images = IdxFiles.images(new int[][] {{0, 1, 2, 255}, {4, 5, 6, 7}, {8, 9, 10, 11}}, 2, 2);
        byte[] labels = IdxFiles.labels(0, 2, 2);

        ParsedData data = IdxParser.parse(in(images), in(labels), null, DataType.DOUBLE, ANY_SIZE);

        assertThat(data.x().toDoubleMatrix()).isEqualTo(new double[][] {{0, 1, 2, 255}, {4, 5, 6, 7}, {8, 9, 10, 11}});
        assertThat(data.y().toDoubleMatrix()).isEqualTo(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}});
        assertThat(data.classCounts()).containsExactly(1, 0, 2);
        assertThat(data.classNames()).isNull();
    }

    @Test
    void gzippedFilesReadAsThePlainOnes() throws IOException {
        byte[] images = IdxFiles.images(new int[][] {{3, 1}, {4, 1}}, 1, 2);
        byte[] labels = IdxFiles.labels(1, 0);

        ParsedData plain = IdxParser.parse(in(images), in(labels), 4, DataType.FLOAT, ANY_SIZE);
        ParsedData gzipped = IdxParser.parse(in(IdxFiles.gzip(images)), in(IdxFiles.gzip(labels)), 4, DataType.FLOAT, ANY_SIZE);

        assertThat(gzipped.x()).isEqualTo(plain.x());
        assertThat(gzipped.y()).isEqualTo(plain.y());
        assertThat(plain.y().columns()).isEqualTo(4);
    }

    @Test
    void moreImagesThanOneChunkAreAllRead() throws IOException {
        int count = 2500;
        int[][] images = new int[count][];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            images[i] = new int[] {i % 256, (i / 256) % 256};
            labels[i] = i % 3;
        }

        ParsedData data = IdxParser.parse(in(IdxFiles.images(images, 1, 2)), in(IdxFiles.labels(labels)), null, DataType.FLOAT, ANY_SIZE);

        assertThat(data.x().rows()).isEqualTo(count);
        for (int i : new int[] {0, 1023, 1024, 2047, 2048, 2499}) {
            assertThat(data.x().getRow(i).toDoubleVector()).as("image %d", i).containsExactly(i % 256, (i / 256) % 256);
        }
        assertThat(data.classCounts()).containsExactly(834, 833, 833);
    }

    @Test
    void otherValueTypesAreRead() throws IOException {
        byte[] images = idx(0x0D, new int[] {2, 2}, out -> {
            out.writeFloat(0.5f);
            out.writeFloat(-1.25f);
            out.writeFloat(3f);
            out.writeFloat(4f);
        });
        byte[] labels = idx(0x0B, new int[] {2}, out -> {
            out.writeShort(1);
            out.writeShort(0);
        });

        ParsedData data = IdxParser.parse(in(images), in(labels), null, DataType.DOUBLE, ANY_SIZE);

        assertThat(data.x().toDoubleMatrix()).isEqualTo(new double[][] {{0.5, -1.25}, {3, 4}});
        assertThat(data.y().toDoubleMatrix()).isEqualTo(new double[][] {{0, 1}, {1, 0}});
    }

    @Test
    void theSizesTheHeadersAnnounceAreCheckedBeforeTheValuesAreRead() {
        byte[] labels = IdxFiles.labels(0, 1);
        byte[] announcesTwoMegapixelImages = idx(0x08, new int[] {2, 1000, 1000}, out -> { });
        List<Long> asked = new ArrayList<>();

        assertThatThrownBy(() -> IdxParser.parse(in(announcesTwoMegapixelImages), in(labels), null, DataType.FLOAT, bytes -> {
            asked.add(bytes);
            if (bytes > 1000) {
                throw new IllegalStateException("too large");
            }
        })).hasMessage("too large");
        assertThat(asked).containsExactly(2L * 4, 2L * (1000 * 1000 + 1) * 4);
    }

    @Test
    void aFileThatIsNotIdxIsRefusedWithItsMagicNumber() {
        byte[] text = "label\n1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertRefused(() -> IdxParser.parse(in(IdxFiles.images(new int[][] {{1}}, 1, 1)), in(text), null, DataType.FLOAT, ANY_SIZE),
                "labels",
                "byte 0: not an IDX file (magic number 0x6C616265; expected 0x0000 then a type code 08-0E and a dimension count)");
        assertRefused(() -> IdxParser.parse(in(idx(0x0A, new int[] {1}, out -> out.writeByte(0))), in(IdxFiles.labels(0)), null,
                DataType.FLOAT, ANY_SIZE), "images",
                "byte 0: not an IDX file (magic number 0x00000A01; expected 0x0000 then a type code 08-0E and a dimension count)");
    }

    @Test
    void aLabelsFileOfMoreThanOneDimensionIsRefused() {
        byte[] labels = idx(0x08, new int[] {1, 1}, out -> out.writeByte(0));
        assertRefused(() -> IdxParser.parse(in(IdxFiles.images(new int[][] {{1}}, 1, 1)), in(labels), null, DataType.FLOAT, ANY_SIZE),
                "labels", "byte 3: a labels file has 1 dimension, this one 2");
    }

    @Test
    void aNegativeDimensionIsRefused() {
        assertRefused(() -> IdxParser.parse(in(IdxFiles.images(new int[][] {{1}}, 1, 1)), in(idx(0x08, new int[] {-1}, out -> { })),
                null, DataType.FLOAT, ANY_SIZE), "labels", "byte 4: dimension 0 is negative");
    }

    @Test
    void aTruncatedFileIsRefusedNamingTheByteItEndsAt() {
        byte[] labels = IdxFiles.labels(0, 1, 2);
        assertRefused(() -> IdxParser.parse(in(IdxFiles.images(new int[][] {{1}}, 1, 1)), in(Arrays.copyOf(labels, 6)), null,
                DataType.FLOAT, ANY_SIZE), "labels", "byte 6: the file ends inside its header");
        assertRefused(() -> IdxParser.parse(in(IdxFiles.images(new int[][] {{1}}, 1, 1)), in(Arrays.copyOf(labels, 10)), null,
                DataType.FLOAT, ANY_SIZE), "labels", "byte 10: the file ends early; its header announces [3] values of 1 byte(s)");
        byte[] images = IdxFiles.images(new int[][] {{1, 2}, {3, 4}}, 1, 2);
        assertRefused(() -> IdxParser.parse(in(Arrays.copyOf(images, images.length - 1)), in(IdxFiles.labels(0, 1)), null,
                DataType.FLOAT, ANY_SIZE), "images", "byte 19: the file ends early; its header announces [2, 1, 2] values of 1 byte(s)");
    }

    @Test
    void aLabelThatIsNotAWholeNumberFromZeroIsRefusedNamingItsByte() {
        byte[] labels = idx(0x09, new int[] {2}, out -> {
            out.writeByte(1);
            out.writeByte(-1);
        });
        assertRefused(() -> IdxParser.parse(in(IdxFiles.images(new int[][] {{1}, {2}}, 1, 1)), in(labels), null, DataType.FLOAT, ANY_SIZE),
                "labels", "byte 9: label -1.0 is not a class label (a whole number from 0)");
        byte[] fractional = idx(0x0D, new int[] {1}, out -> out.writeFloat(0.5f));
        assertRefused(() -> IdxParser.parse(in(IdxFiles.images(new int[][] {{1}}, 1, 1)), in(fractional), null, DataType.FLOAT, ANY_SIZE),
                "labels", "byte 8: label 0.5 is not a class label (a whole number from 0)");
    }

    @Test
    void imagesAndLabelsMustBeAsMany() {
        assertRefused(() -> IdxParser.parse(in(IdxFiles.images(new int[][] {{1}, {2}, {3}}, 1, 1)), in(IdxFiles.labels(0, 1)), null,
                DataType.FLOAT, ANY_SIZE), "images", "holds 3 images but the labels file 2 labels; they must be equal");
    }

    @Test
    void labelsMustFitClassesAndTheMostClassesSupported() {
        byte[] images = IdxFiles.images(new int[][] {{1}, {2}}, 1, 1);
        assertRefused(() -> IdxParser.parse(in(images), in(IdxFiles.labels(0, 3)), 2, DataType.FLOAT, ANY_SIZE), "labels",
                "holds label 3, but classes is 2; labels must be below classes");
        byte[] huge = idx(0x0C, new int[] {2}, out -> {
            out.writeInt(0);
            out.writeInt(70_000);
        });
        assertRefused(() -> IdxParser.parse(in(images), in(huge), null, DataType.FLOAT, ANY_SIZE), "labels",
                "holds label 70000; labels must be below 65536 (the most classes a data set may have)");
        assertRefused(() -> IdxParser.parse(in(images), in(IdxFiles.labels(0, 1)), 70_000, DataType.FLOAT, ANY_SIZE), "classes",
                "is 70000; at most 65536 classes are supported");
    }

    private static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private interface Values {
        void write(DataOutputStream out) throws IOException;
    }

    /** An IDX file of value type {@code typeCode} and the given dimensions, its values written by {@code values}. */
    private static byte[] idx(int typeCode, int[] dimensions, Values values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(0);
            out.writeByte(typeCode);
            out.writeByte(dimensions.length);
            for (int dimension : dimensions) {
                out.writeInt(dimension);
            }
            values.write(out);
        } catch (IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }
}
