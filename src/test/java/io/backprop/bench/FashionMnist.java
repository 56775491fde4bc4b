package io.backprop.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Fashion-MNIST training images from Debian's dataset-fashion-mnist, scaled to [0, 1], with one-hot labels. */
final class FashionMnist {

    static final Path DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {
    }

    /** The first {@code rows} images [rows, 784] and labels [rows, 10], float32. */
    static INDArray[] firstRows(int rows) {
        float[] pixels = new float[rows * 784];
        float[] labels = new float[rows * 10];
        try (DataInputStream images = open("train-images-idx3-ubyte.gz"); DataInputStream classes = open("train-labels-idx1-ubyte.gz")) {
            images.skipNBytes(16);
            classes.skipNBytes(8);
            for (int i = 0; i < rows * 784; i++) {
                pixels[i] = images.readUnsignedByte() / 255f;
            }
            for (int i = 0; i < rows; i++) {
                labels[i * 10 + classes.readUnsignedByte()] = 1;
            }
        } catch (IOException missing) {
            throw new UncheckedIOException("Fashion-MNIST is needed: apt-get install dataset-fashion-mnist", missing);
        }
        return new INDArray[] {Nd4j.create(pixels, new long[] {rows, 784}, 'c'), Nd4j.create(labels, new long[] {rows, 10}, 'c')};
    }

    private static DataInputStream open(String file) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(DIRECTORY.resolve(file)), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    }

}
