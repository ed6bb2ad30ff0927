package org.vestis.video.source;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The committed clip and the shared data folder, for source and sink tests. */
public final class TestVideos {
    public static final String DATA_ENV = "VESTIS_TEST_DATA";
    public static final int FIXTURE_FRAMES = 30;
    public static final int FIXTURE_WIDTH = 640;
    public static final int FIXTURE_HEIGHT = 360;
    public static final double FIXTURE_FPS = 10;

    private TestVideos() {
    }

    /** walking-3s.mp4: 30 frames, 640x360, 10 fps (see src/test/resources/video/README.md). */
    public static Path fixture() {
        URL url = TestVideos.class.getResource("/video/walking-3s.mp4");
        if (url == null) {
            throw new IllegalStateException("test resource /video/walking-3s.mp4 is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clip in $VESTIS_TEST_DATA/videos; only call from tests gated on that variable. */
    public static Path sharedVideo(String name) {
        return Path.of(System.getenv(DATA_ENV), "videos", name);
    }
}
