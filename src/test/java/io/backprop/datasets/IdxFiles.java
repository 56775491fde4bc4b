package io.backprop.datasets;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files (the MNIST family's format) for tests. */
public final class IdxFiles {

    private IdxFiles() {
    }

    /** An unsigned-byte images file of {@code images.length} images of rows × columns. */
    public static byte[] images(int[][] images, int rows, int columns) {
        return write(out -> {
            out.writeInt(0x00000803);
            out.writeInt(images.length);
            out.writeInt(rows);
            out.writeInt(columns);
            for (int[] image : images) {
                for (int pixel : image) {
                    out.writeByte(pixel);
                }
            }
        });
    }

    /** An unsigned-byte labels file. */
    public static byte[] labels(int... labels) {
        return write(out -> {
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeByte(label);
            }
        });
    }

    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }
}
