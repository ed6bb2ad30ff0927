package org.vestis.video;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoxTest {
    @Test
    void iouOfIdenticalOverlappingAndDisjointBoxes() {
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Box(5, 0, 10, 10))).isCloseTo(50.0 / 150.0, within(1e-12));
        assertThat(a.iou(new Box(20, 20, 5, 5))).isZero();
        assertThat(a.iou(new Box(10, 0, 10, 10))).as("touching edges").isZero();
        assertThat(new Box(0, 0, 0, 0).iou(new Box(0, 0, 0, 0))).isZero();
    }

    @Test
    void clipAndEdge() {
        Box b = new Box(-5, 10, 20, 100).clip(100, 50);
        assertThat(b).isEqualTo(new Box(0, 10, 15, 40));
        assertThat(b.touchesEdge(100, 50, 2)).isTrue();
        assertThat(new Box(10, 10, 20, 20).touchesEdge(100, 50, 2)).isFalse();
        assertThat(new Box(200, 200, 5, 5).clip(100, 50).area()).isZero();
    }
}
