package org.weimin.ops.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files only the service's own user may read: the secrets directory (0700) and the secrets in it (0600). */
public final class SecretFiles {
    private static final Logger log = LoggerFactory.getLogger(SecretFiles.class);

    private SecretFiles() {
    }

    /**
     * Writes {@code content} to {@code dir/name} once: through an owner-only temporary file moved atomically into
     * place, so the secret is never readable by others, not even briefly.
     *
     * @return false when the file existed already (it is left as it was)
     * @throws IOException when the directory or file cannot be written
     */
    public static boolean writeOnce(Path dir, String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return false;
        }
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        Files.write(tmp, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        restrict(tmp, "rw-------");
        Files.write(tmp, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
            return false;
        }
    }

    /** Sets POSIX permissions, e.g. {@code rw-------}; warns where the file system has none. */
    public static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Cannot restrict permissions of {} on this file system", path);
        }
    }
}
