package org.vestis.video.track;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

class ColourSignatureTest {
    /** A grey frame with a "person" at x: a top of one BGR colour over trousers of another. */
    static Mat person(int x, Scalar top, Scalar bottom) {
        Mat frame = new Mat(240, 320, CV_8UC3, new Scalar(128, 128, 128, 0));
        paint(frame, x, top, bottom);
        return frame;
    }

    static void paint(Mat frame, int x, Scalar top, Scalar bottom) {
        try (Rect upper = new Rect(x, 20, 50, 50); Rect lower = new Rect(x, 70, 50, 50);
             Mat u = frame.apply(upper); Mat l = frame.apply(lower)) {
            u.put(top);
            l.put(bottom);
        }
    }

    static final Scalar RED = new Scalar(30, 30, 200, 0);
    static final Scalar BLUE = new Scalar(200, 60, 20, 0);
    static final Scalar WHITE = new Scalar(240, 240, 240, 0);
    static final Scalar BLACK = new Scalar(15, 15, 15, 0);

    @Test
    void theSameClothesAreCloseAndOtherClothesFar() {
        try (Mat a = person(40, RED, BLUE); Mat a2 = person(150, RED, BLUE); Mat swapped = person(40, BLUE, RED);
             Mat greys = person(40, WHITE, BLACK)) {
            float[] sa = ColourSignature.of(a, new Box(40, 20, 50, 100));
            float[] sa2 = ColourSignature.of(a2, new Box(152, 22, 48, 96)); // another place, a slightly different box
            assertThat(ColourSignature.distance(sa, sa2)).isLessThan(0.1);
            assertThat(ColourSignature.distance(sa, ColourSignature.of(swapped, new Box(40, 20, 50, 100)))).as("top and bottom count apart").isGreaterThan(0.8);
            assertThat(ColourSignature.distance(sa, ColourSignature.of(greys, new Box(40, 20, 50, 100)))).isGreaterThan(0.8);
        }
    }

    @Test
    void aShadowKeepsTheColour() {
        try (Mat lit = person(40, RED, BLUE); Mat shaded = person(40, new Scalar(15, 15, 110, 0), new Scalar(110, 35, 10, 0))) {
            double d = ColourSignature.distance(ColourSignature.of(lit, new Box(40, 20, 50, 100)),
                    ColourSignature.of(shaded, new Box(40, 20, 50, 100)));
            assertThat(d).isLessThan(0.2);
        }
    }

    @Test
    void tinyOrOutsideBoxesHaveNoSignatureAndUnknownIsNeverAVeto() {
        try (Mat frame = person(40, RED, BLUE)) {
            assertThat(ColourSignature.of(frame, new Box(10, 10, 3, 5))).isNull();
            assertThat(ColourSignature.of(frame, new Box(400, 300, 50, 100))).isNull();
            assertThat(ColourSignature.distance(null, ColourSignature.of(frame, new Box(40, 20, 50, 100)))).isZero();
        }
    }
}
