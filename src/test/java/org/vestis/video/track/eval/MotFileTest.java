package org.vestis.video.track.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.UserException;
import org.vestis.video.Box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MotFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsCommaAndSpaceSeparatedRowsOfSixToTenColumns() throws IOException {
        Path file = write("res.txt", """
                1,3,113.84,274.5,57.307,130.05,-1,-1,-1,-1

                1, 6, 273.05, 203.83, 77.366, 175.56
                2 6 270 200 80 170 0.9 -1 -1
                  \t
                """);
        assertThat(MotFile.readResult(file, 1)).containsExactly(
                new MotBox(1, 3, new Box(113.84, 274.5, 57.307, 130.05)),
                new MotBox(1, 6, new Box(273.05, 203.83, 77.366, 175.56)),
                new MotBox(2, 6, new Box(270, 200, 80, 170)));
    }

    @Test
    void groundTruthRowsWithConfZeroAreIgnoredResultRowsAreKept() throws IOException {
        Path file = write("gt.txt", "1,1,0,0,10,10,1,-1,-1,-1\n1,2,50,0,10,10,0,-1,-1,-1\n2,1,0,0,10,10,1,-1,-1,-1\n");
        assertThat(MotFile.readGroundTruth(file)).extracting(MotBox::id).containsExactly(1L, 1L);
        assertThat(MotFile.readResult(file, 1)).extracting(MotBox::id).containsExactly(1L, 2L, 1L);
    }

    @Test
    void theScaleMultipliesEveryResultBox() throws IOException {
        Path file = write("res.txt", "4,7,10,20,30,40,0.8\n");
        assertThat(MotFile.readResult(file, 2)).containsExactly(new MotBox(4, 7, new Box(20, 40, 60, 80)));
    }

    @Test
    void aMalformedLineNamesTheFileAndTheLine() throws IOException {
        String good = "1,1,0,0,10,10,1,-1,-1,-1\n";
        assertProblem(good + "\nabc\n", "gt.txt line 3: expected 6 to 10 comma-separated numbers "
                + "(frame,id,left,top,width,height,conf,x,y,z), found 'abc'.");
        assertProblem(good + "1,2,3,4,5\n", "gt.txt line 2: expected 6 to 10");
        assertProblem(good + "1,2,3,4,5,6,7,8,9,10,11\n", "gt.txt line 2: expected 6 to 10");
        assertProblem(good + "1,2,x,4,5,6\n", "gt.txt line 2: expected 6 to 10");
        assertProblem(good + "1,,3,4,5,6\n", "gt.txt line 2: expected 6 to 10");
        assertProblem("0,1,0,0,10,10\n", "gt.txt line 1: the frame must be a whole number from 1 up, found '0'.");
        assertProblem("-3,1,0,0,10,10\n", "gt.txt line 1: the frame must be a whole number from 1 up, found '-3'.");
        assertProblem("1.5,1,0,0,10,10\n", "gt.txt line 1: the frame must be a whole number from 1 up, found '1.5'.");
        assertProblem("1,2.5,0,0,10,10\n", "gt.txt line 1: the id must be a whole number, found '2.5'.");
        assertProblem("1,1,0,0,NaN,10\n", "gt.txt line 1: 'NaN' is not a finite number.");
        assertProblem("1,1,0,0,10,-10\n", "gt.txt line 1: width and height must not be negative, found 10 x -10.");
        assertProblem(good + good, "gt.txt line 2: id 1 appears twice in frame 1 (also on line 1).");
    }

    private void assertProblem(String text, String message) throws IOException {
        Path file = write("gt.txt", text);
        assertThatThrownBy(() -> MotFile.readGroundTruth(file))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith(file + "")
                .hasMessageContaining(message);
    }

    @Test
    void aMissingFileOrADirectoryIsOneSentence() {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> MotFile.readResult(missing, 1)).isInstanceOf(UserException.class)
                .hasMessage("No such MOT file: " + missing + ".");
        assertThatThrownBy(() -> MotFile.readGroundTruth(dir)).isInstanceOf(UserException.class)
                .hasMessage(dir + " is a directory, not a MOT file.");
    }

    @Test
    void anEmptyFileHasNoBoxes() throws IOException {
        assertThat(MotFile.readResult(write("empty.txt", ""), 1)).isEqualTo(List.of());
    }
}
