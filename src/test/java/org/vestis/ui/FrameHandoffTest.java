package org.vestis.ui;

import org.junit.jupiter.api.Test;
import org.vestis.video.FrameResult;

import javax.swing.SwingUtilities;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames for the window: while the event thread is busy, newer frames replace older ones and nothing queues up. */
class FrameHandoffTest {

    @Test
    void newestFrameWinsWhileTheEventThreadIsBusy() throws Exception {
        List<Long> shown = new CopyOnWriteArrayList<>();
        FrameHandoff handoff = new FrameHandoff(s -> shown.add(s.result().frameIndex()));
        CountDownLatch busy = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            handoff.offer(new Shown(img, new FrameResult(i, i / 10.0, 4, 4, List.of(), 1, 1), 10));
        }
        assertThat((System.nanoTime() - start) / 1e6).as("offering never waits for the event thread").isLessThan(1000);
        busy.countDown();
        SwingUtilities.invokeAndWait(() -> { });
        assertThat(shown).containsExactly(99L);

        handoff.offer(new Shown(img, new FrameResult(100, 10, 4, 4, List.of(), 1, 1), 10));
        SwingUtilities.invokeAndWait(() -> { });
        assertThat(shown).containsExactly(99L, 100L);
    }
}
