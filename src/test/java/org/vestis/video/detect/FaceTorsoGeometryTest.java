package org.vestis.video.detect;

import org.junit.jupiter.api.Test;
import org.vestis.video.Box;

import static org.assertj.core.api.Assertions.assertThat;

/** The torso box derived from a face box; no model needed. */
class FaceTorsoGeometryTest {

    @Test
    void torsoHangsCentredBelowTheChin() {
        Box face = new Box(300, 100, 40, 50);
        Box torso = FaceTorsoDetector.torsoBelow(face, 1000, 1000);
        assertThat(torso).isEqualTo(new Box(260, 150, 120, 175));
        assertThat(torso.centerX()).isEqualTo(face.centerX());
        assertThat(torso.y()).isEqualTo(face.bottom());
    }

    @Test
    void torsoIsClippedToTheFrame() {
        Box face = new Box(5, 300, 40, 50); // near the left and bottom edges of a 640x480 frame
        Box torso = FaceTorsoDetector.torsoBelow(face, 640, 480);
        assertThat(torso).isEqualTo(new Box(0, 350, 85, 130));
    }
}
