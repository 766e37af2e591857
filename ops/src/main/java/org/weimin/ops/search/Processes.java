package org.weimin.ops.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** Small Linux process helpers over {@code /proc} (JDK only). */
public final class Processes {
    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    /** Alive and not a zombie: a dead daemon whose parent (init of a container) does not reap it is gone for us. */
    static boolean isAlive(long pid) {
        Path stat = PROC.resolve(Long.toString(pid)).resolve("stat");
        try {
            return Files.exists(stat) ? isRunningState(Files.readString(stat, StandardCharsets.UTF_8))
                    : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            return false; // vanished between the two calls
        }
    }

    /** Parses {@code /proc/<pid>/stat}: the state letter follows the command name in parentheses. */
    static boolean isRunningState(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return false;
        }
        char state = stat.charAt(close + 2);
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** The arguments of a process, empty when it is gone or unreadable. */
    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return splitCommandLine(raw);
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> splitCommandLine(byte[] raw) {
        if (raw.length == 0) {
            return List.of();
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.endsWith("\0")) {
            text = text.substring(0, text.length() - 1);
        }
        return Arrays.asList(text.split("\0", -1));
    }

    /** Live processes that carry exactly this argument (e.g. {@code -Des.path.home=<instance home>}). */
    static List<Long> withArgument(String argument) {
        List<Long> pids = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> pid != self)
                    .filter(pid -> commandLine(pid).contains(argument))
                    .filter(Processes::isAlive)
                    .forEach(pids::add);
        } catch (IOException e) {
            // no /proc: nothing found
        }
        return pids;
    }

    /** The real owner of a process ({@code /proc/<pid>} belongs to its effective uid). */
    static OptionalInt uidOf(long pid) {
        try {
            return OptionalInt.of((Integer) Files.getAttribute(PROC.resolve(Long.toString(pid)), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    /** Our own effective uid. */
    public static int currentUid() {
        OptionalInt uid = uidOf(ProcessHandle.current().pid());
        if (uid.isPresent()) {
            return uid.getAsInt();
        }
        return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
    }

    static void signal(long pid, boolean kill) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        handle.ifPresent(h -> {
            if (kill) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        });
    }

    /** The first executable named {@code name} on {@code /usr/bin}, {@code /bin} or the PATH. */
    static Optional<Path> findExecutable(String name) {
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(Arrays.asList(path.split(":")));
        }
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }
}
