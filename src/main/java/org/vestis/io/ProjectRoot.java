package org.vestis.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project directory (configs/, models/, videos/) however the app was started: the launcher passes it as
 * -Dvestis.home; otherwise target/vestis.jar or target/classes sits two levels below it; otherwise the working
 * directory. Relative paths from configs resolve against the working directory first, as in every other command.
 */
public record ProjectRoot(Path dir) {
    public static final String PROPERTY = "vestis.home";
    public static final String DEMO_CLIP = "videos/demo.mp4";

    public static ProjectRoot find() {
        String home = System.getProperty(PROPERTY);
        if (home != null && !home.isBlank()) {
            return new ProjectRoot(Path.of(home).toAbsolutePath().normalize());
        }
        try {
            Path code = Path.of(ProjectRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = code.getParent() == null ? null : code.getParent().getParent();
            if (candidate != null && Files.isDirectory(candidate.resolve("configs"))) {
                return new ProjectRoot(candidate.toAbsolutePath().normalize());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // an unusual class loader: fall back to the working directory
        }
        return new ProjectRoot(Path.of("").toAbsolutePath());
    }

    /** {@code path} as given when it exists there (or is absolute), else under the project directory. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || Files.exists(p)) {
            return p;
        }
        Path inRoot = dir.resolve(p);
        return Files.exists(inRoot) ? inRoot : p;
    }

    public Path demoClip() {
        return dir.resolve(DEMO_CLIP);
    }

    /** For showing paths: relative to the project when inside it. */
    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(dir) ? dir.relativize(abs).toString() : p.toString();
    }
}
