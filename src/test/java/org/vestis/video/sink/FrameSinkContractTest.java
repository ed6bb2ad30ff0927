package org.vestis.video.sink;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vestis.UserException;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.TestVideos;
import org.vestis.video.source.VideoFileSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every file-writing {@link FrameSink} promises, run against each of them over the committed walking clip
 * with {@link SyntheticResults}: while frames come in, what was processed is on disk and nothing half-written sits
 * under the final name; {@link FrameSink#close()} publishes the output under its final name and leaves no
 * temporary file; closing twice is harmless; a frame after close is refused; a sink whose folder cannot be created
 * fails with one sentence and leaves nothing behind. The window's sink (ui) and analyze's in-memory track recorder
 * (cli) write no file and are not run here.
 */
class FrameSinkContractTest {
    /**
     * One sink under test. {@code partUntilClosed}: the output lives under its temporary name until close (the
     * tracks CSV instead rewrites its whole table over the final name as it goes, via a temporary file).
     */
    record Kind(String name, String fileName, boolean partUntilClosed, Function<Path, FrameSink> open) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> sinks() {
        return Stream.of(
                new Kind("annotated video", "clip.annotated.mp4", true, f -> new AnnotatedVideoSink(f, TestVideos.FIXTURE_FPS)),
                new Kind("timeline", "clip.timeline.jsonl", true, TimelineJsonlSink::new),
                new Kind("MOT file", "clip.mot.txt", true, f -> new MotChallengeSink(f, 5)),
                // Rewritten after every frame here, so the test needs no clock.
                new Kind("tracks CSV", "clip.tracks.csv", false, f -> new TrackCsvSink(f, Duration.ZERO)));
    }

    private static List<VideoFrame> frames;

    @BeforeAll
    static void decodeTheClip() throws IOException {
        frames = new ArrayList<>();
        try (VideoFileSource source = new VideoFileSource(TestVideos.fixture())) {
            for (VideoFrame f = source.next(); f != null; f = source.next()) {
                frames.add(f);
            }
        }
        assertThat(frames).hasSize(TestVideos.FIXTURE_FRAMES);
    }

    @AfterAll
    static void release() {
        frames.forEach(VideoFrame::close);
    }

    private static void feed(FrameSink sink) throws IOException {
        for (VideoFrame f : frames) {
            sink.accept(f, SyntheticResults.of(f));
        }
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path partOf(Path file) {
        return org.vestis.io.OutputFiles.partName(file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void keepsWhatWasProcessedAndPublishesItWholeOnClose(Kind kind, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("out").resolve(kind.fileName());
        FrameSink sink = kind.open().apply(file);
        feed(sink);
        // A crash now keeps the frames so far, and never under the final name unless whole.
        if (kind.partUntilClosed()) {
            assertThat(file).doesNotExist();
            assertThat(partOf(file)).isNotEmptyFile();
        } else {
            assertThat(file).isNotEmptyFile();
            assertThat(namesIn(dir.resolve("out"))).containsExactly(kind.fileName());
        }
        sink.close();
        assertThat(file).isNotEmptyFile();
        assertThat(namesIn(dir.resolve("out"))).as("nothing but the output").containsExactly(kind.fileName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void closingTwiceIsHarmlessAndAFrameAfterCloseIsRefused(Kind kind, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(kind.fileName());
        FrameSink sink = kind.open().apply(file);
        feed(sink);
        sink.close();
        byte[] published = Files.readAllBytes(file);
        sink.close();
        assertThat(Files.readAllBytes(file)).isEqualTo(published);
        VideoFrame last = frames.get(frames.size() - 1);
        assertThatThrownBy(() -> sink.accept(last, SyntheticResults.of(last))).isInstanceOf(IllegalStateException.class);
        assertThat(namesIn(dir)).containsExactly(kind.fileName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void noFramesLeaveNoTemporaryFile(Kind kind, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(kind.fileName());
        kind.open().apply(file).close();
        // The video writes nothing without a first frame (its size); the text outputs are empty tables.
        assertThat(namesIn(dir)).isSubsetOf(List.of(kind.fileName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void aFolderThatCannotBeCreatedFailsInOneSentenceAndLeavesNothing(Kind kind, @TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "a file where the output folder should be");
        Path file = blocker.resolve(kind.fileName());
        assertThatThrownBy(() -> {
            FrameSink sink = kind.open().apply(file);
            feed(sink);
            sink.close();
        }).isInstanceOf(UserException.class).hasMessageContaining(blocker.toString()).message().doesNotContain("\n");
        assertThat(namesIn(dir)).containsExactly("not-a-folder");
    }
}
