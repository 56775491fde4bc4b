package io.backprop.store;

import java.nio.file.Path;

/** The store's file exists but cannot be used; the service refuses to start rather than begin an empty store beside it. */
final class DamagedStoreException extends IllegalStateException {

    DamagedStoreException(Path path, String reason) {
        super("The store " + path + " cannot be opened (" + reason + "). The service does not start on a damaged store: "
                + "restore the file from a backup, or move it aside to start with an empty store "
                + "(spring.datasource.url names the file).");
    }
}
