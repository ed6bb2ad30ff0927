package org.vestis.video.sink;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.model.Prediction;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.TestVideos;
import org.vestis.video.source.VideoFileSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

class TrackCsvSinkTest {

    @Test
    void oneRowPerTrackWithItsFirstAndLastFrames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tracks.csv");
        TrackCsvSink sink = new TrackCsvSink(file, Duration.ZERO);
        try (VideoFileSource source = new VideoFileSource(TestVideos.fixture())) {
            while (true) {
                try (VideoFrame frame = source.next()) {
                    if (frame == null) {
                        break;
                    }
                    sink.accept(frame, SyntheticResults.of(frame));
                    if (frame.index() == 14) {
                        // Rewritten as it goes (here after every frame), so an interrupted run keeps a recent table.
                        assertThat(Files.readAllLines(file)).containsExactly(TrackCsvSink.HEADER,
                                "1,0,14,0.000,1.400,15,true,shirt,0.8000",
                                "2,10,14,1.000,1.400,5,true,,");
                    }
                }
            }
        }
        sink.close();
        sink.close();
        assertThat(Files.readAllLines(file)).containsExactly(TrackCsvSink.HEADER,
                "1,0,29,0.000,2.900,29,true,shirt,0.8000", // frame 25 has no objects
                "2,10,19,1.000,1.900,10,true,dress,0.7000");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void labelsWithCommasOrQuotesAreQuoted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tracks.csv");
        Prediction odd = Prediction.of(new float[] {1f}, List.of("shirt, \"long\""), 1);
        try (TrackCsvSink sink = new TrackCsvSink(file); Mat image = new Mat(4, 4, CV_8UC3)) {
            VideoFrame frame = new VideoFrame(7, 0.7, image);
            TrackResult t = new TrackResult(3, false, new Detection(new Box(0, 0, 2, 2), 0.5, "garment"), 0.1, odd, odd);
            sink.accept(frame, new FrameResult(7, 0.7, 4, 4, List.of(t), 0, 0));
        }
        assertThat(Files.readAllLines(file)).containsExactly(TrackCsvSink.HEADER, "3,7,7,0.700,0.700,1,false,\"shirt, \"\"long\"\"\",1.0000");
    }
}
