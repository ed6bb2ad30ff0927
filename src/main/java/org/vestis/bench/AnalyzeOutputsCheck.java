package org.vestis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.ffmpeg.global.avutil;
import org.vestis.io.Json;
import org.vestis.video.VideoFrame;
import org.vestis.video.source.VideoFileSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The check of benchmarks/ctrl-c-soak.sh: are the outputs of an `analyze` run (one input) final and consistent with
 * each other? No temporary names left; summary.json readable with the input's frame count; the annotated video decodes
 * to exactly that many frames; every timeline line parses and lies within them; every track of tracks.csv spans the
 * same frames as its lines in the timeline. Prints "OK frames N interrupted B" or one "PROBLEM ..." line per problem
 * and exits 1.
 *
 * <pre>java -cp "target/vestis.jar:target/lib/*" org.vestis.bench.AnalyzeOutputsCheck OUT_DIR STEM</pre>
 */
public final class AnalyzeOutputsCheck {
    private AnalyzeOutputsCheck() {
    }

    public static void main(String[] args) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        Path out = Path.of(args[0]);
        String stem = args[1];
        List<String> problems = check(out, stem);
        if (problems.isEmpty()) {
            JsonNode input = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/inputs/0");
            System.out.println("OK frames " + input.get("frames").asLong() + " interrupted " + input.get("interrupted").asBoolean());
        } else {
            problems.forEach(p -> System.out.println("PROBLEM " + p));
            System.exit(1);
        }
    }

    /** The problems found, none when the outputs are final and consistent. */
    public static List<String> check(Path out, String stem) throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".part")).forEach(n -> problems.add("temporary file left: " + n));
        }
        Path summary = out.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            problems.add("no summary.json");
            return problems;
        }
        long frames = Json.MAPPER.readTree(summary.toFile()).at("/inputs/0/frames").asLong(-1);
        long decoded = decodedFrames(out.resolve(stem + ".annotated.mp4"));
        if (decoded != frames) {
            problems.add("the annotated video decodes to " + decoded + " frames, the summary says " + frames);
        }
        Map<Integer, long[]> spans = new HashMap<>(); // track -> first, last frame in the timeline
        int lineNumber = 0;
        for (String line : Files.readAllLines(out.resolve(stem + ".timeline.jsonl"))) {
            lineNumber++;
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                problems.add("timeline line " + lineNumber + " does not parse: " + e.getMessage());
                continue;
            }
            long frame = node.get("frame").asLong();
            if (frame < 0 || frame >= frames) {
                problems.add("timeline line " + lineNumber + " is frame " + frame + ", outside the " + frames + " processed");
            }
            spans.merge(node.get("track").asInt(), new long[]{frame, frame}, (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        List<String> rows = Files.readAllLines(out.resolve(stem + ".tracks.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            long[] span = spans.get(Integer.parseInt(cells[0]));
            if (span == null || span[0] != Long.parseLong(cells[1]) || span[1] != Long.parseLong(cells[2])) {
                problems.add("tracks.csv track " + cells[0] + " spans frames " + cells[1] + "-" + cells[2]
                        + ", the timeline " + (span == null ? "nothing" : span[0] + "-" + span[1]));
            }
        }
        if (rows.size() - 1 != spans.size()) {
            problems.add("tracks.csv has " + (rows.size() - 1) + " tracks, the timeline " + spans.size());
        }
        return problems;
    }

    private static long decodedFrames(Path video) throws IOException {
        if (!Files.isRegularFile(video)) {
            return -1;
        }
        long n = 0;
        try (VideoFileSource source = new VideoFileSource(video)) {
            for (VideoFrame f = source.next(); f != null; f = source.next()) {
                f.close();
                n++;
            }
        }
        return n;
    }
}
