package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.io.Json;
import org.vestis.io.OutputFolderLock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Where analyze's outputs go: one name per input, one run per folder, and a summary that keeps earlier runs. */
class AnalyzeOutputsTest extends ConsoleCommandTest {
    private static final Path CLIP = Path.of("src/test/resources/video/walking-3s.mp4");

    @TempDir
    Path dir;

    private int analyze(Path out, Path... inputs) {
        List<String> args = new ArrayList<>(List.of("analyze"));
        Arrays.stream(inputs).map(Path::toString).forEach(args::add);
        args.addAll(List.of("--out", out.toString(), "--detector", "center", "--model", "models/fashion-mnist-seed-cnn"));
        return run(args.toArray(new String[0]));
    }

    private Path copy(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.copy(CLIP, file);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inputsWithTheSameNameOrOtherScriptsKeepTheirOwnOutputs() throws Exception {
        Path out = dir.resolve("out");
        assertThat(analyze(out, copy("day1/cam.mp4"), copy("day2/cam.mp4"), copy("视频.mp4"), copy("服装.mp4"))).as(stderr()).isZero();
        for (String stem : new String[]{"cam", "cam-2", "视频", "服装"}) {
            assertThat(out.resolve(stem + ".timeline.jsonl")).isNotEmptyFile();
            assertThat(out.resolve(stem + ".annotated.mp4")).isNotEmptyFile();
        }
        JsonNode inputs = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).get("inputs");
        assertThat(inputs).hasSize(4);
        assertThat(inputs.get(1).get("outputs").asText()).isEqualTo("cam-2");
        assertThat(inputs.get(1).get("input").asText()).endsWith("day2/cam.mp4");
        assertThat(inputs.get(1).get("frames").asInt()).isEqualTo(30);
    }

    @Test
    void aFolderAnotherRunIsWritingIsRefusedInOneSentence() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        try (OutputFolderLock other = OutputFolderLock.acquire(out)) {
            assertThat(analyze(out, CLIP)).isEqualTo(2);
            assertThat(stderr()).contains("Another vestis run is writing to " + out).doesNotContain("\tat ");
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(OutputFolderLock.FILE_NAME);
        }
        assertThat(analyze(out, CLIP)).as("free again once the other run is over").isZero();
    }

    @Test
    void aLaterRunIntoTheSameFolderKeepsTheEarlierInputsInTheSummary() throws Exception {
        Path out = dir.resolve("out");
        assertThat(analyze(out, copy("a/first.mp4"))).isZero();
        assertThat(analyze(out, copy("b/second.mp4"))).isZero();
        assertThat(analyze(out, dir.resolve("b/second.mp4"))).as("a rerun replaces its own entry").isZero();
        JsonNode inputs = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).get("inputs");
        assertThat(inputs).extracting(n -> n.get("outputs").asText()).containsExactly("first", "second");
    }

    @Test
    void aTruncatedVideoIsAnalysedAsFarAsItGoesAndSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(CLIP); // moov first: a cut file still opens, with 30 frames declared
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));
        Path out = dir.resolve("out");
        assertThat(analyze(out, cut)).as(stderr()).isZero();
        assertThat(stderr()).contains("cut.mp4 ended after", "of the 30 frames its container declares");
        JsonNode input = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/inputs/0");
        assertThat(input.get("endedEarly").asBoolean()).isTrue();
        assertThat(input.get("expectedFrames").asInt()).isEqualTo(30);
        assertThat(input.get("frames").asInt()).isBetween(1, 29);
        assertThat(run("analyze", CLIP.toString(), "--out", dir.resolve("whole").toString(), "--detector", "center",
                "--model", "models/fashion-mnist-seed-cnn")).isZero();
        assertThat(stderr()).doesNotContain("ended after");
    }

    @Test
    void aBadFlagValueIsBlamedOnTheFlagsNotOnTheConfigFile() {
        assertThat(run("analyze", CLIP.toString(), "--out", dir.toString(), "--top-n", "-1")).isEqualTo(2);
        assertThat(stderr()).contains("In the command-line options: top-n must be at least 1").doesNotContain("fashion-mnist.yaml");
    }

    @Test
    void unreadableImagesInAFolderAreSkippedByNameEvenOnesOpenCvRefusesToOpen() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Files.copy(Path.of("src/test/resources/photos/dress.jpg"), folder.resolve("a-dress.jpg"));
        Files.write(folder.resolve("b-huge.png"), hugePngHeader()); // declares 60000x60000: OpenCV's size check throws
        Files.write(folder.resolve("c-empty.jpg"), new byte[0]);
        Files.copy(Path.of("src/test/resources/photos/pants.jpg"), folder.resolve("d-pants.jpg"));
        Path out = dir.resolve("out");
        assertThat(analyze(out, folder)).as(stderr()).isZero();
        assertThat(stderr()).contains("2 of the 4 images in " + folder + " could not be read and were skipped: b-huge.png, c-empty.jpg.");
        JsonNode input = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/inputs/0");
        assertThat(input.get("frames").asInt()).isEqualTo(2);
        assertThat(input.get("skippedImages")).extracting(JsonNode::asText).containsExactly("b-huge.png", "c-empty.jpg");
        assertThat(input.get("endedEarly").asBoolean()).isFalse();
    }

    /** A PNG whose header declares 60000x60000 RGB pixels, with a few bytes of image data. */
    private static byte[] hugePngHeader() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(60000).putInt(60000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        pngChunk(png, "IHDR", ihdr.array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (var z = new DeflaterOutputStream(idat)) {
            z.write(new byte[100]);
        }
        pngChunk(png, "IDAT", idat.toByteArray());
        pngChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void pngChunk(ByteArrayOutputStream png, String type, byte[] data) throws Exception {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(type.getBytes(StandardCharsets.US_ASCII));
        png.write(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void outputPathsThatCannotBeWhatTheyNameAreOneSentenceEach() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(analyze(file, CLIP)).isEqualTo(2);
        assertThat(stderr()).contains("--out " + file + " is a file").doesNotContain("\tat ");
        assertThat(analyze(file.resolve("sub/../out"), CLIP)).isEqualTo(2);
        assertThat(stderr()).contains("could not be created").doesNotContain("\tat ");
        assertThat(run("analyze", CLIP.toString(), "--out", dir.resolve("out").toString(), "--detector", "center",
                "--model", "models/fashion-mnist-seed-cnn", "--mot", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--mot " + dir + " is a folder").doesNotContain("\tat ");
        assertThat(Files.readString(file)).as("nothing replaced").isEqualTo("x");
    }
}
