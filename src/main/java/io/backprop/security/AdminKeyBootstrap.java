package io.backprop.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Gives {@code keys} mode its first admin key before the service takes requests: the one in
 * {@code backprop.security.bootstrap-key}, else the one in the admin-key file, else a new one
 * written to that file (readable by its owner only) and logged this once.
 */
class AdminKeyBootstrap implements InitializingBean {

    static final String ADMIN_ID = "admin";
    static final int MIN_LENGTH = 16;
    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final SecuritySettings settings;
    private final KeyService keys;

    AdminKeyBootstrap(SecuritySettings settings, KeyService keys) {
        this.settings = settings;
        this.keys = keys;
    }

    @Override
    public void afterPropertiesSet() {
        if (!settings.keys()) {
            return;
        }
        String configured = settings.bootstrapKey();
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < MIN_LENGTH) {
                throw new IllegalStateException("backprop.security.bootstrap-key has " + configured.strip().length()
                        + " characters; an admin key needs at least " + MIN_LENGTH + " (for example: openssl rand -hex 32).");
            }
            keys.installAdmin(ADMIN_ID, configured.strip());
            return;
        }
        if (keys.hasAdmin()) {
            return;
        }
        Path file = settings.adminKeyFile();
        try {
            if (Files.exists(file)) {
                keys.installAdmin(ADMIN_ID, Files.readString(file, StandardCharsets.UTF_8).strip());
                log.info("Admin key read from {}", file.toAbsolutePath());
                return;
            }
            String secret = keys.newSecret();
            write(file, secret);
            keys.installAdmin(ADMIN_ID, secret);
            log.warn("Generated the admin key {} and wrote it to {} (readable by its owner only); it is not logged again.",
                    secret, file.toAbsolutePath());
        } catch (IOException failed) {
            throw new UncheckedIOException("Cannot read or write the admin key file " + file.toAbsolutePath()
                    + " (backprop.security.admin-key-file); set backprop.security.bootstrap-key or fix the path.", failed);
        }
    }

    private static void write(Path file, String secret) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
        Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
