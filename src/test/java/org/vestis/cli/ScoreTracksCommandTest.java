package org.vestis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.io.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `vestis score-tracks` as a user runs it: one line of scores, --json, --scale, and bad input as exit code 2. */
class ScoreTracksCommandTest extends ConsoleCommandTest {
    // Person 1 in frames 1-4; the result follows it with track 7, then track 8 from frame 3 (one switch).
    private static final String GT = "1,1,0,0,10,10,1,-1,-1,-1\n2,1,0,0,10,10,1,-1,-1,-1\n"
            + "3,1,0,0,10,10,1,-1,-1,-1\n4,1,0,0,10,10,1,-1,-1,-1\n4,2,50,0,10,10,0,-1,-1,-1\n";
    private static final String RESULT = "1,7,0,0,5,5,0.9\n2,7,0,0,5,5,0.9\n3,8,0,0,5,5,0.9\n4,8,0,0,5,5,0.9\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheScoresOnOneLine() throws IOException {
        Path gt = write("gt.txt", GT);
        Path result = write("res.txt", RESULT);
        // The result was written at half size: --scale 2 brings its boxes onto the ground truth.
        assertThat(run("score-tracks", result.toString(), gt.toString(), "--scale", "2")).as(stderr()).isZero();
        assertThat(stdout().strip()).isEqualTo("MOTA 0.750  MOTP 1.000  IDF1 0.500  IDP 0.500  IDR 0.500  ID switches 1  "
                + "fragmentations 0  FP 0  FN 0  recall 1.000  precision 1.000  GT ids 1  track ids 2  MT/PT/ML 1/0/0");
        assertThat(stdout().lines()).hasSize(1);
    }

    @Test
    void isListedInTheHelp() {
        assertThat(run("--help")).isZero();
        assertThat(stdout()).contains("score-tracks");
    }

    @Test
    void jsonHasEveryScore() throws IOException {
        Path gt = write("gt.txt", GT);
        Path result = write("res.txt", RESULT);
        assertThat(run("score-tracks", "--json", result.toString(), gt.toString())).as(stderr()).isZero();
        JsonNode json = Json.MAPPER.readTree(stdout());
        // Unscaled, the 5 x 5 boxes have IoU 0.25 with the 10 x 10 ones: nothing pairs.
        assertThat(json.get("misses").asLong()).isEqualTo(4);
        assertThat(json.get("falsePositives").asLong()).isEqualTo(4);
        assertThat(json.get("mota").asDouble()).isEqualTo(-1.0);
        assertThat(json.get("gtBoxes").asLong()).as("the conf-0 row is ignored").isEqualTo(4);
        for (String field : new String[]{"motp", "idf1", "idp", "idr", "idSwitches", "fragmentations", "recall",
                "precision", "gtIds", "trackIds", "mostlyTracked", "partlyTracked", "mostlyLost", "idtp", "idfp", "idfn"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
    }

    @Test
    void aMalformedLineIsOneSentenceWithFileAndLineAndExitCode2() throws IOException {
        Path gt = write("gt.txt", GT + "5,1,0,0,ten,10,1\n");
        Path result = write("res.txt", RESULT);
        assertThat(run("score-tracks", result.toString(), gt.toString())).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(stderr().strip()).isEqualTo("vestis: " + gt + " line 6: expected 6 to 10 comma-separated numbers "
                + "(frame,id,left,top,width,height,conf,x,y,z), found '5,1,0,0,ten,10,1'.");
        assertThat(stdout()).isEmpty();

        Path badResult = write("bad.txt", RESULT + "0,7,0,0,5,5\n");
        assertThat(run("score-tracks", badResult.toString(), gt.toString().replace("gt.txt", "nope.txt")))
                .isEqualTo(VestisCommand.USER_ERROR);
        assertThat(stderr().strip()).isEqualTo("vestis: No such MOT file: " + dir.resolve("nope.txt") + ".");
        assertThat(run("score-tracks", badResult.toString(), write("gt2.txt", GT).toString())).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(stderr().strip()).isEqualTo("vestis: " + badResult + " line 5: the frame must be a whole number from 1 up, found '0'.");
    }

    @Test
    void aBadScaleOrAnEmptyGroundTruthIsAUserError() throws IOException {
        Path gt = write("gt.txt", GT);
        Path result = write("res.txt", RESULT);
        assertThat(run("score-tracks", result.toString(), gt.toString(), "--scale", "0")).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(stderr().strip()).isEqualTo("vestis: --scale must be a positive number, got 0.0.");
        assertThat(run("score-tracks", result.toString(), gt.toString(), "--scale", "two")).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(stderr()).startsWith("vestis: ").contains("--scale");
        Path empty = write("empty.txt", "1,1,0,0,10,10,0,-1,-1,-1\n");
        assertThat(run("score-tracks", result.toString(), empty.toString())).isEqualTo(VestisCommand.USER_ERROR);
        assertThat(stderr().strip()).isEqualTo("vestis: " + empty + " has no ground-truth boxes to score against (rows with conf 0 are ignored).");
        assertThat(run("score-tracks", result.toString())).isEqualTo(VestisCommand.USER_ERROR); // GT missing
    }
}
