package io.backprop.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutations of a valid file's bytes, as a damaged download or a hostile client makes them: bits
 * flipped, bytes set to edge values, bytes inserted, deleted or duplicated, length and count fields
 * overwritten with edge integers, the file cut short or repeated, and for text files numbers and
 * separators swapped for odd ones. Results stay under 1.5 MB, below Tomcat's swallow size.
 */
final class ByteMutations {

    static final int KINDS = 9;
    private static final int MOST = 1_500_000;
    private static final byte[] EDGE_BYTES = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '\n', '\r', ',', '"', '{', '[', ';', 0x1F, (byte) 0x8B};
    private static final long[] EDGE_INTEGERS = {0, 1, -1, 0xFF, 0x7FFF, 0xFFFF, 1 << 24, Integer.MAX_VALUE, Integer.MIN_VALUE,
        0xFFFFFFFFL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 62};
    private static final List<String> ODD_TOKENS = List.of("NaN", "Infinity", "-Infinity", "1e309", "-0", "", " ", "\"\"",
        "1" + "0".repeat(400), "0x10", "1,5", "\uFEFF", "\u0000", "\u00e9", "\"a,b\"", "\"unterminated", "9223372036854775808",
        "4.9e-324", "true", "null");

    private ByteMutations() {
    }

    /** The bytes after applying {@code kinds} (each in 0..KINDS-1) at places chosen by {@code random}; {@code valid} is not changed. */
    static byte[] apply(byte[] valid, List<Integer> kinds, Random random) {
        byte[] bytes = valid.clone();
        for (int kind : kinds) {
            bytes = mutate(bytes, kind, random);
        }
        return bytes;
    }

    private static byte[] mutate(byte[] bytes, int kind, Random random) {
        if (bytes.length == 0) {
            return new byte[] {EDGE_BYTES[random.nextInt(EDGE_BYTES.length)]};
        }
        int at = random.nextInt(bytes.length);
        return switch (kind) {
            case 0 -> {
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                yield bytes;
            }
            case 1 -> {
                bytes[at] = EDGE_BYTES[random.nextInt(EDGE_BYTES.length)];
                yield bytes;
            }
            case 2 -> {
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                yield splice(bytes, at, 0, inserted);
            }
            case 3 -> splice(bytes, at, 1 + random.nextInt(Math.max(1, Math.min(64, bytes.length - at))), new byte[0]);
            case 4 -> {
                int length = 1 + random.nextInt(Math.min(256, bytes.length - at));
                yield capped(splice(bytes, random.nextInt(bytes.length + 1), 0, Arrays.copyOfRange(bytes, at, at + length)));
            }
            case 5 -> overwriteInteger(bytes, random);
            case 6 -> Arrays.copyOf(bytes, at);
            case 7 -> repeated(bytes, random.nextBoolean() ? 2 + random.nextInt(8) : MOST / bytes.length);
            default -> oddToken(bytes, random);
        };
    }

    /** An edge integer written over 1, 2, 4 or 8 bytes, little- or big-endian: lengths, counts, dimensions, header sizes. */
    private static byte[] overwriteInteger(byte[] bytes, Random random) {
        int width = 1 << random.nextInt(4);
        if (bytes.length < width) {
            return bytes;
        }
        int at = random.nextInt(bytes.length - width + 1);
        ByteBuffer buffer = ByteBuffer.allocate(8).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long value = EDGE_INTEGERS[random.nextInt(EDGE_INTEGERS.length)];
        buffer.putLong(value);
        byte[] written = buffer.array();
        int from = buffer.order() == ByteOrder.LITTLE_ENDIAN ? 0 : 8 - width;
        System.arraycopy(written, from, bytes, at, width);
        return bytes;
    }

    /** A run of digits, letters or signs (a number, a name, a separator) replaced with an odd token. */
    private static byte[] oddToken(byte[] bytes, Random random) {
        int at = random.nextInt(bytes.length);
        int end = at;
        while (end < bytes.length && end - at < 64 && (Character.isLetterOrDigit(bytes[end]) || bytes[end] == '.'
                || bytes[end] == '-' || bytes[end] == '+')) {
            end++;
        }
        byte[] token = ODD_TOKENS.get(random.nextInt(ODD_TOKENS.size())).getBytes(StandardCharsets.UTF_8);
        return splice(bytes, at, Math.max(end - at, random.nextInt(2)), token);
    }

    private static byte[] repeated(byte[] bytes, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < Math.max(times, 1) && out.size() + bytes.length <= MOST; i++) {
            out.writeBytes(bytes);
        }
        return out.size() == 0 ? bytes : out.toByteArray();
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        int cut = Math.min(removed, bytes.length - at);
        byte[] out = new byte[bytes.length - cut + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at + cut, out, at + inserted.length, bytes.length - at - cut);
        return out;
    }

    private static byte[] capped(byte[] bytes) {
        return bytes.length <= MOST ? bytes : Arrays.copyOf(bytes, MOST);
    }
}
