package org.vestis.ui;

import org.vestis.io.ProjectRoot;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.video.sink.OverlayLayout;
import org.vestis.video.source.TestVideos;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real window under a virtual X server (Xvfb, started here): `vestis live` plays the fixture clip, the
 * script switches to the DeepFashion config (its model is not trained yet: the window must say so and keep
 * running the old model), then to the Fashion-MNIST config (which loads); then it presses the shortcuts to record a
 * few seconds, pause, step and take a snapshot, and saves a screenshot of the window. The window
 * runs in a child JVM because the test JVM is headless. Also: with no camera, the demo clip plays and the window
 * says why. Skipped when Xvfb or the JDK's X11 toolkit is not installed.
 */
class UiWindowTest {
    private static final long TIMEOUT_SECONDS = 180;
    private static Process xvfb;
    private static String display;

    /** Per test, so that each test is reported as skipped (an assumption in @BeforeAll would hide them). */
    @BeforeEach
    void needsADisplay() throws Exception {
        assumeTrue(Files.exists(Path.of(System.getProperty("java.home"), "lib", "libawt_xawt.so")),
                "this JDK has no X11 toolkit (a headless JRE); install the full JRE, e.g. openjdk-17-jre");
        assumeTrue(onPath("Xvfb") != null, "Xvfb is not installed (apt-get install xvfb); the window test needs a display");
        if (display == null) {
            display = startXvfb(onPath("Xvfb"));
        }
    }

    @AfterAll
    static void stopDisplay() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }

    private record Run(boolean finished, int exitCode, String out) {
    }

    /** `vestis live ARGS` in a child JVM on the virtual display, the project directory as vestis.home unless given. */
    private static Run live(Path dir, String home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Dvestis.home=" + (home != null ? home : Path.of("").toAbsolutePath().toString()),
                "-cp", System.getProperty("java.class.path"), "org.vestis.cli.VestisCommand", "live"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "live", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", display);
        Process app = pb.start();
        boolean finished = app.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            app.destroyForcibly().waitFor();
        }
        return new Run(finished, finished ? app.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void withoutACameraTheDemoClipPlaysAndTheWindowSaysWhy(@TempDir Path dir) throws Exception {
        // A project directory whose videos/demo.mp4 is the fixture; camera 99 exists on no machine.
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("videos"));
        Files.copy(TestVideos.fixture(), home.resolve(ProjectRoot.DEMO_CLIP));
        Path shot = dir.resolve("demo.png");
        Run run = live(dir, home.toString(), "--source", "99", "--config", Path.of("configs/fashion-mnist.yaml").toAbsolutePath().toString(),
                "--detector", "full-frame", "--screenshot", shot.toString(), "--quit-after", "10");
        assertThat(run.finished()).as(run.out()).isTrue();
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("error: No camera could be opened at 99", "Playing the demo clip videos/demo.mp4 instead.");
        Matcher m = Pattern.compile("screenshot .* \\((\\d+)x(\\d+), frame (\\d+)\\)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(m.group(3))).as("the demo clip is playing").isPositive();
    }

    @Test
    void playsAClipSwitchesModelsAndSavesAScreenshot(@TempDir Path dir) throws Exception {
        Path shot = dir.resolve("window.png");
        Run run = live(dir, null,
                "--source", TestVideos.fixture().toString(), "--detector", "center",
                "--model", "models/fashion-mnist-seed-cnn",
                "--switch-config", "configs/deepfashion.yaml", "--switch-config", "configs/fashion-mnist.yaml",
                "--switch-after", "6",
                "--press", "ctrl R@13", "--press", "ctrl R@16", "--press", "P@17", "--press", "N@18.5", "--press", "ctrl S@20",
                "--screenshot", shot.toString(), "--quit-after", "21.5",
                "--captures", dir.resolve("captures").toString());
        String out = run.out();
        assertThat(run.finished()).as("the app quit by itself; output:%n%s", out).isTrue();
        assertThat(run.exitCode()).as("exit code; output:%n%s", out).isZero();

        // Both switches go through the picker at run time: to the DeepFashion-style colour model, then back.
        // (A model that fails to load is covered by LiveControllerTest.)
        int first = out.indexOf("through models/clothing-mobilenetv2");
        assertThat(first).as("the first switch loads clothing-mobilenetv2; output:%n%s", out).isPositive();
        int switched = out.indexOf("through models/fashion-mnist-cnn", first);
        assertThat(switched).as("the second switch loads fashion-mnist-cnn; output:%n%s", out).isPositive();

        Matcher m = Pattern.compile("screenshot .* \\((\\d+)x(\\d+), frame (\\d+)\\)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(3))).as("frames kept coming after the switches (the 30-frame clip loops)").isGreaterThan(30);

        // Snapshot and recording went to --captures; paused since 17 s (one step at 18.5), the window still shows the snapshot's frame.
        Path captures = dir.resolve("captures");
        List<Path> files;
        try (var list = Files.list(captures)) {
            files = list.sorted().toList();
        }
        Path snapshot = files.stream().filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        Path video = files.stream().filter(p -> p.toString().endsWith(".mp4")).findFirst().orElseThrow();
        assertThat(out).contains("Saved the frame to " + snapshot, "Saved the recording to " + video);
        Matcher frameOfSnapshot = Pattern.compile("-frame(\\d+)\\.png$").matcher(snapshot.getFileName().toString());
        assertThat(frameOfSnapshot.find()).isTrue();
        assertThat(m.group(3)).as("paused: the screenshot shows the snapshot's frame").isEqualTo(frameOfSnapshot.group(1));
        BufferedImage still = ImageIO.read(snapshot.toFile());
        assertThat(still.getWidth()).isEqualTo(TestVideos.FIXTURE_WIDTH);
        assertThat(still.getRGB(still.getWidth() - 1, 0) & 0xffffff).as("the status corner is painted").isEqualTo(OverlayGraphics.STATUS_BACKGROUND);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertThat(frames).as("the recording holds the frames of three seconds").isGreaterThan(3);
        }

        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(LiveWindow.DEFAULT_SIZE.width);
        assertThat(img.getHeight()).isEqualTo(LiveWindow.DEFAULT_SIZE.height);
        Set<Integer> colours = new HashSet<>();
        int trackPixels = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                trackPixels += rgb == OverlayLayout.rgb(1) ? 1 : 0;
            }
        }
        assertThat(colours.size()).as("not blank: a video frame has many colours").isGreaterThan(1000);
        assertThat(trackPixels).as("track 1's box and label band are painted").isGreaterThan(200);
    }

    /** Starts Xvfb on a free display number. */
    private static String startXvfb(Path binary) throws IOException, InterruptedException {
        for (int n = 90; n < 140; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            xvfb = new ProcessBuilder(binary.toString(), ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int i = 0; i < 100 && xvfb.isAlive(); i++) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                    return ":" + n;
                }
                Thread.sleep(100);
            }
            xvfb.destroy();
        }
        throw new IllegalStateException("Xvfb did not start on any display from :90 to :139");
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
