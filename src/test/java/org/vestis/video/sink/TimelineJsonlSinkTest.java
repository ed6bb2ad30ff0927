package org.vestis.video.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.TestVideos;
import org.vestis.video.source.VideoFileSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimelineJsonlSinkTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesOneLinePerObjectPerFrameFlushedAsItGoesAndRenamedOnClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/timeline.jsonl");
        TimelineJsonlSink sink = new TimelineJsonlSink(file);
        Path part = dir.resolve("out/timeline.part.jsonl");
        int expected = 0;
        try (VideoFileSource source = new VideoFileSource(TestVideos.fixture())) {
            while (true) {
                try (VideoFrame frame = source.next()) {
                    if (frame == null) {
                        break;
                    }
                    sink.accept(frame, SyntheticResults.of(frame));
                    expected += SyntheticResults.objectsIn(frame.index());
                    if (frame.index() == 12) {
                        assertThat(file).doesNotExist();
                        List<String> soFar = Files.readAllLines(part);
                        assertThat(soFar).hasSize(expected); // flushed: every finished frame is on disk
                        for (String line : soFar) {
                            assertThat(json.readTree(line).get("frame").asLong()).isLessThanOrEqualTo(12);
                        }
                    }
                }
            }
        }
        sink.close();
        sink.close();
        assertThat(part).doesNotExist();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(json.readTree(line)); // throws on anything but valid JSON
        }
        assertThat(lines).hasSize(expected).hasSize(29 + 10);
        assertThat(lines).extracting(n -> n.get("frame").asLong()).isSorted().doesNotContain((long) SyntheticResults.STEADY_FRAME);

        JsonNode standing = lines.stream().filter(n -> n.get("frame").asLong() == 15 && n.get("track").asInt() == 2).findFirst().orElseThrow();
        assertThat(standing.get("time").asDouble()).isCloseTo(1.5, within(1e-9));
        assertThat(standing.get("confirmed").asBoolean()).isTrue();
        assertThat(standing.get("x").asDouble()).isEqualTo(420);
        assertThat(standing.get("y").asDouble()).isEqualTo(100);
        assertThat(standing.get("w").asDouble()).isEqualTo(120);
        assertThat(standing.get("h").asDouble()).isEqualTo(180);
        assertThat(standing.get("score").asDouble()).isEqualTo(0.75);
        assertThat(standing.get("kind").asText()).isEqualTo("person");
        assertThat(standing.get("quality").asDouble()).isEqualTo(0.4);
        assertThat(standing.get("label").asText()).isEqualTo("dress");
        assertThat(standing.get("confidence").asDouble()).isEqualTo(0.6);
        assertThat(standing.get("smoothedLabel").asText()).isEqualTo("dress");
        assertThat(standing.get("smoothedConfidence").asDouble()).isEqualTo(0.7);

        JsonNode early = lines.stream().filter(n -> n.get("frame").asLong() == 11 && n.get("track").asInt() == 2).findFirst().orElseThrow();
        assertThat(early.get("confirmed").asBoolean()).isFalse();
        assertThat(early.get("smoothedLabel").isNull()).as("no smoothed label yet").isTrue();
        assertThat(early.get("smoothedConfidence").isNull()).isTrue();
    }

    @Test
    void closingWithoutFramesLeavesAnEmptyTimeline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("timeline.jsonl");
        new TimelineJsonlSink(file).close();
        assertThat(file).isEmptyFile();
    }
}
