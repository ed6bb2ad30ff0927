package org.vestis.video.sink;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.BodyPart;
import org.vestis.video.garment.BodyRegions;
import org.vestis.video.garment.GarmentObservation;
import org.vestis.video.PersonGarments;
import org.vestis.video.RegionSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** The body regions of a look follow the person: drawn on the person's box of a later frame when asked, else not. */
class RegionOutlinesTest {

    @Test
    void regionsOfALookAreDrawnOnTheCurrentBoxOnlyWhenAsked() {
        // A look at a person in box (100, 50, 40x120) whose legs region was (105, 110, 30x50).
        BodyRegions regions = new BodyRegions(RegionSource.LANDMARKS, 1, Map.of(BodyPart.LEGS, new Box(105, 110, 30, 50)));
        Map<BodyPart, Box> shape = new GarmentObservation(regions, Map.of(), Map.of(), new Box(100, 50, 40, 120)).regionShape();
        PersonGarments garments = new PersonGarments(RegionSource.LANDMARKS, Map.of(), shape);
        // Later the person stands at (200, 100) and looks twice as big.
        Box now = new Box(200, 100, 80, 240);
        Box legs = garments.regionsOn(now).get(BodyPart.LEGS);
        assertThat(legs.x()).isEqualTo(210.0);
        assertThat(legs.y()).isEqualTo(220.0);
        assertThat(legs.width()).isEqualTo(60.0);
        assertThat(legs.height()).isEqualTo(100.0);

        TrackResult t = new TrackResult(1, true, new Detection(now, 0.9, "person"), 0.5, null, null, garments);
        FrameResult frame = new FrameResult(0, 0, 480, 400, List.of(t), 0, 0);
        assertThat(pixelOnLegsOutline(new OverlayPainter(true), frame)).isEqualTo(OverlayLayout.rgb(1));
        assertThat(pixelOnLegsOutline(new OverlayPainter(false), frame)).isZero();
    }

    /** The colour (0xRRGGBB) at the middle of the legs region's left edge, (210, 270), after painting on black. */
    private static int pixelOnLegsOutline(OverlayPainter painter, FrameResult frame) {
        try (Mat image = new Mat(400, 480, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            painter.paint(image, frame, null);
            try (UByteIndexer idx = image.createIndexer()) {
                return idx.get(270, 210, 2) << 16 | idx.get(270, 210, 1) << 8 | idx.get(270, 210, 0);
            }
        }
    }
}
