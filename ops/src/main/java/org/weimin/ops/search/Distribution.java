package org.weimin.ops.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Elasticsearch distribution zip from Maven Central
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip}, no bundled JDK) and its
 * unpacking into an instance's {@code home/}.
 */
public final class Distribution {
    /** The version the build copies (ops/pom.xml); only the last fallback below needs it. */
    static final String DEFAULT_VERSION = "8.19.21";
    static final String MARKER = ".weimin-unpacked-from";

    private Distribution() {
    }

    /**
     * The zip to use: the explicit one (a file, or a directory holding it), else the copy the build leaves in {@code <checkout>/ops/target/elasticsearch/},
     * else the local Maven repository's ({@code maven.repo.local} or {@code ~/.m2/repository}).
     */
    static Path locate(Optional<Path> explicit, Path checkout, Map<String, String> system) {
        List<Path> tried = new ArrayList<>();
        if (explicit.isPresent()) {
            Path given = explicit.get().toAbsolutePath();
            Optional<Path> zip = Files.isDirectory(given) ? newestZipIn(given)
                    : Optional.of(given).filter(Files::isRegularFile);
            return zip.orElseThrow(() -> new IllegalStateException(
                    "Elasticsearch distribution not found: " + given));
        }
        Path built = checkout.resolve("ops/target/elasticsearch");
        tried.add(built.resolve("elasticsearch-*.zip"));
        Optional<Path> copied = newestZipIn(built);
        if (copied.isPresent()) {
            return copied.get();
        }
        String repo = system.get("maven.repo.local");
        Path repository = repo != null && !repo.isBlank() ? Path.of(repo)
                : Path.of(system.getOrDefault("user.home", "."), ".m2", "repository");
        Path inRepo = repository.resolve("org/elasticsearch/distribution/integ-test-zip/elasticsearch")
                .resolve(DEFAULT_VERSION).resolve("elasticsearch-" + DEFAULT_VERSION + ".zip");
        tried.add(inRepo);
        if (Files.isRegularFile(inRepo)) {
            return inRepo;
        }
        throw new IllegalStateException("Elasticsearch distribution not found (tried " + tried + "). Build once with "
                + "'mvn -B -ntp -DskipTests install' (it copies the zip to ops/target/elasticsearch) or pass --zip=FILE.");
    }

    /** The {@code elasticsearch-<version>.zip} with the highest version in a directory (the build's copy). */
    static Optional<Path> newestZipIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("elasticsearch-[0-9]+(\\.[0-9]+)*\\.zip"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparing(Distribution::versionKey));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "elasticsearch-8.19.21.zip" → "0000000008.0000000019.0000000021.", so versions compare numerically. */
    static String versionKey(Path zip) {
        String name = zip.getFileName().toString();
        String version = name.substring("elasticsearch-".length(), name.length() - ".zip".length());
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append("0".repeat(Math.max(0, 10 - part.length()))).append(part).append('.');
        }
        return key.toString();
    }

    /** What the marker file records about a zip: its name, size and modification time. */
    static String fingerprint(Path zip) throws IOException {
        return zip.getFileName() + " " + Files.size(zip) + " " + Files.getLastModifiedTime(zip).toMillis();
    }

    /** True when {@code home} already holds this zip's content (the marker matches). */
    static boolean isUnpacked(Path home, Path zip) throws IOException {
        Path marker = home.resolve(MARKER);
        return Files.isRegularFile(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(fingerprint(zip));
    }

    /**
     * Unpacks the zip's single top directory ({@code elasticsearch-<version>/}) as {@code home}, replacing what was
     * there: first into a sibling directory, then renamed. Java's zip reader keeps no Unix modes, so everything under
     * {@code bin/} is made executable (the launcher also runs the start script through bash).
     */
    static void unpack(Path zip, Path home) throws IOException {
        Path staging = home.resolveSibling(home.getFileName() + ".unpacking");
        deleteRecursively(staging);
        Files.createDirectories(staging);
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = stripTopDirectory(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                Path target = staging.resolve(name).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("zip entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zf.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                        isExecutable(name) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.createDirectories(staging.resolve("config/jvm.options.d"));
        Files.createDirectories(staging.resolve("plugins"));
        Files.writeString(staging.resolve(MARKER), fingerprint(zip) + "\n", StandardCharsets.UTF_8);
        deleteRecursively(home);
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code elasticsearch-8.19.21/bin/elasticsearch} → {@code bin/elasticsearch}. */
    static String stripTopDirectory(String entryName) {
        int slash = entryName.indexOf('/');
        return slash < 0 ? "" : entryName.substring(slash + 1);
    }

    static boolean isExecutable(String relativeName) {
        return relativeName.startsWith("bin/") || relativeName.contains("/bin/");
    }

    /** Deletes a directory tree (symbolic links themselves, never what they point to); nothing when it is missing. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
