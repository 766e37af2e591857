package org.weimin.ops.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the embedded default keeps its data: {@code weimin.data-dir} (default {@code ./data} under the working
 * directory). Holds the H2 event-store file, the read-model file and the {@code secrets/} folder.
 */
@Component
public class DataDirectory {
    private final Path path;

    public DataDirectory(@Value("${weimin.data-dir:./data}") String dir) {
        this.path = Path.of(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + path, e);
        }
    }

    /** Absolute path of the data directory. */
    public Path path() {
        return path;
    }
}
