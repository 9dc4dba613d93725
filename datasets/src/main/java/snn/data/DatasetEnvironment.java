package snn.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What dataset resolution reads from the outside world, gathered in one place so that tests can
 * substitute temporary folders: environment variables ({@code SNN_DATA}, {@code XDG_CACHE_HOME}),
 * the home folder, and the system folders that may hold datasets installed by a package manager.
 *
 * @param env         environment variables
 * @param home        the user's home folder (for {@code ~/.cache})
 * @param systemRoots folders that hold {@code <name>/} dataset folders, e.g. Debian's {@code /usr/share/datasets}
 */
public record DatasetEnvironment(Map<String, String> env, Path home, List<Path> systemRoots) {

    public DatasetEnvironment {
        env = Map.copyOf(env);
        systemRoots = List.copyOf(systemRoots);
    }

    /** The real environment of this process. */
    public static DatasetEnvironment system() {
        String home = System.getenv("HOME");
        return new DatasetEnvironment(System.getenv(),
                Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home")),
                List.of(Path.of("/usr/share/datasets"), Path.of("/usr/local/share/datasets")));
    }

    /**
     * {@code ${XDG_CACHE_HOME:-~/.cache}/snn/datasets}. As the XDG spec asks, an empty or relative
     * {@code XDG_CACHE_HOME} is ignored.
     */
    public Path cacheRoot() {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("snn").resolve("datasets");
    }

    /** The folder named by {@code SNN_DATA}, or null when it is unset or empty. */
    public Path snnData() {
        String v = env.get("SNN_DATA");
        return v == null || v.isEmpty() ? null : Path.of(v);
    }
}
