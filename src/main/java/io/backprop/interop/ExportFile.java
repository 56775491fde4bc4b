package io.backprop.interop;

import org.springframework.http.MediaType;

/** An exported file: the name it is offered under (without extension), its format, media type and bytes. */
record ExportFile(String baseName, ExportFormat format, MediaType mediaType, byte[] bytes) {

    /** {@code <name>.<extension>}, with characters that do not belong in a file name replaced by '_'. */
    String filename() {
        StringBuilder safe = new StringBuilder();
        baseName.codePoints().forEach(c -> safe.appendCodePoint(c < 0x20 || c == 0x7f || "\"\\/:*?<>|".indexOf(c) >= 0 ? '_' : c));
        return safe + "." + format.extension();
    }
}
