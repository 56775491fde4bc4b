package io.backprop.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reads IDX files as the MNIST family ships them, plain or gzip-compressed: an images file
 * (count × any further dimensions, flattened row-major into inputs) and a labels file (count class
 * labels, one-hot encoded). Rows stream straight into the matrix a chunk at a time. The sizes the
 * headers announce are checked against the byte limits before anything is allocated or inflated,
 * so a small compressed file that would inflate past them is refused after its header.
 */
final class IdxParser {

    private static final int CHUNK_ROWS = 1024;
    /** Values read per chunk at most, unless one image holds more. */
    private static final int CHUNK_VALUES = 1 << 20;

    private IdxParser() {
    }

    /** {@code checkBytes} fails (413, 429) unless a data set of the given bytes fits. */
    static ParsedData parse(InputStream images, InputStream labels, Integer classes, DataType type, LongConsumer checkBytes)
            throws IOException {
        Labels labelValues = readLabels(labels, type, checkBytes);
        INDArray x = readImages(images, labelValues.count(), type, checkBytes);
        int classCount = labelValues.classes(classes, "labels");
        return new ParsedData(x, labelValues.oneHot(classCount, type), labelValues.classCounts(classCount), null);
    }

    private static Labels readLabels(InputStream in, DataType type, LongConsumer checkBytes) throws IOException {
        IdxStream idx = IdxStream.open(in, "labels");
        if (idx.dimensions.length != 1) {
            throw new BadFileException("labels", "byte 3: a labels file has 1 dimension, this one " + idx.dimensions.length);
        }
        checkBytes.accept(idx.dimensions[0] * (long) type.width());
        Labels labels = new Labels();
        for (long i = 0; i < idx.dimensions[0]; i++) {
            double value = idx.next();
            if (value < 0 || value != Math.rint(value)) {
                throw new BadFileException("labels", "byte " + (idx.offset() - idx.width) + ": label " + value
                        + " is not a class label (a whole number from 0)");
            }
            labels.add((int) value);
        }
        return labels;
    }

    private static INDArray readImages(InputStream in, int labelCount, DataType type, LongConsumer checkBytes) throws IOException {
        IdxStream idx = IdxStream.open(in, "images");
        long count = idx.dimensions[0];
        if (count != labelCount) {
            throw new BadFileException("images", "holds " + count + " images but the labels file " + labelCount
                    + " labels; they must be equal");
        }
        long perImage = 1;
        for (int d = 1; d < idx.dimensions.length; d++) {
            perImage *= idx.dimensions[d];
            if (perImage > Integer.MAX_VALUE) {
                throw new BadFileException("images", "byte 4: an image of " + java.util.Arrays.toString(idx.dimensions)
                        + " holds more values than a row can");
            }
        }
        if (count == 0 || perImage == 0) {
            throw new BadFileException("images", "byte 4: " + java.util.Arrays.toString(idx.dimensions) + " holds no values; a data set "
                    + "needs at least one image of at least one value");
        }
        int width = (int) perImage;
        checkBytes.accept(count * (width + 1L) * type.width());
        INDArray x = Nd4j.create(type, count, width);
        int chunkRows = (int) Math.max(1, Math.min(count, Math.min(CHUNK_ROWS, CHUNK_VALUES / width)));
        double[] chunk = new double[chunkRows * width];
        for (int first = 0; first < count; first += chunkRows) {
            int rows = (int) Math.min(chunkRows, count - first);
            for (int k = 0; k < rows * width; k++) {
                chunk[k] = idx.next();
            }
            double[] values = rows == chunkRows ? chunk : java.util.Arrays.copyOf(chunk, rows * width);
            x.get(NDArrayIndex.interval(first, first + rows), NDArrayIndex.all())
                    .assign(Nd4j.create(values, new long[] {rows, width}, 'c').castTo(type));
        }
        return x;
    }

    /** The header and then the values of one IDX file, counting bytes for error messages. */
    private static final class IdxStream {

        private final DataInputStream data;
        private final CountingStream counter;
        private final String part;
        private final int typeCode;
        private final int width;
        final int[] dimensions;

        private IdxStream(DataInputStream data, CountingStream counter, String part, int typeCode, int[] dimensions) {
            this.data = data;
            this.counter = counter;
            this.part = part;
            this.typeCode = typeCode;
            this.width = switch (typeCode) {
                case 0x08, 0x09 -> 1;
                case 0x0B -> 2;
                case 0x0C, 0x0D -> 4;
                default -> 8;
            };
            this.dimensions = dimensions;
        }

        static IdxStream open(InputStream raw, String part) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            InputStream plain;
            try {
                plain = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            } catch (ZipException | EOFException damaged) {
                throw new BadFileException(part, "byte 0: the gzip header is damaged (" + damaged.getMessage() + ")");
            }
            CountingStream counter = new CountingStream(plain);
            DataInputStream data = new DataInputStream(new BufferedInputStream(counter, 1 << 16));
            try {
                int zero = data.readUnsignedShort();
                int typeCode = data.readUnsignedByte();
                int dimensionCount = data.readUnsignedByte();
                boolean knownType = typeCode == 0x08 || typeCode == 0x09 || (typeCode >= 0x0B && typeCode <= 0x0E);
                if (zero != 0 || !knownType || dimensionCount == 0) {
                    throw new BadFileException(part, String.format("byte 0: not an IDX file (magic number 0x%08X; expected 0x0000 "
                            + "then a type code 08-0E and a dimension count)", (zero << 16) | (typeCode << 8) | dimensionCount));
                }
                int[] dimensions = new int[dimensionCount];
                for (int d = 0; d < dimensionCount; d++) {
                    dimensions[d] = data.readInt();
                    if (dimensions[d] < 0) {
                        throw new BadFileException(part, "byte " + (4 + 4 * d) + ": dimension " + d + " is negative");
                    }
                }
                return new IdxStream(data, counter, part, typeCode, dimensions);
            } catch (EOFException truncated) {
                throw new BadFileException(part, "byte " + counter.count + ": the file ends inside its header");
            } catch (ZipException damaged) {
                throw IdxStream.damaged(part, counter.count, damaged);
            }
        }

        double next() throws IOException {
            try {
                return switch (typeCode) {
                    case 0x08 -> data.readUnsignedByte();
                    case 0x09 -> data.readByte();
                    case 0x0B -> data.readShort();
                    case 0x0C -> data.readInt();
                    case 0x0D -> data.readFloat();
                    default -> data.readDouble();
                };
            } catch (EOFException truncated) {
                throw new BadFileException(part, "byte " + counter.count + ": the file ends early; its header announces "
                        + java.util.Arrays.toString(dimensions) + " values of " + width + " byte(s)");
            } catch (ZipException damaged) {
                throw damaged(part, counter.count, damaged);
            }
        }

        /** A gzip stream that cannot be inflated past {@code offset} bytes of its content. */
        static BadFileException damaged(String part, long offset, ZipException damaged) {
            return new BadFileException(part, "byte " + offset + " of the decompressed file: the gzip data is damaged ("
                    + damaged.getMessage() + ")");
        }

        /** Bytes read from the (decompressed) file so far. */
        long offset() {
            return counter.count - buffered();
        }

        private long buffered() {
            try {
                return data.available();
            } catch (IOException unknown) {
                return 0;
            }
        }
    }

    private static final class CountingStream extends FilterInputStream {

        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
