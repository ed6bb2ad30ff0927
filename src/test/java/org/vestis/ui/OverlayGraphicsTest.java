package org.vestis.ui;

import org.junit.jupiter.api.Test;
import org.vestis.model.Prediction;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.sink.OverlayLayout;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's overlay drawn into a real BufferedImage: pixels where the box, label band, bar and status must be. */
class OverlayGraphicsTest {
    private static final int W = 640, H = 360;
    private static final int GRAY = 0x808080;
    private static final List<String> LABELS = List.of("shirt", "trousers", "dress");
    private static final Box BOX = new Box(100, 60, 160, 240);

    private static TrackResult track(int id, Box box) {
        return new TrackResult(id, true, new Detection(box, 0.9, "person"), 0.7,
                Prediction.of(new float[] {0.6f, 0.3f, 0.1f}, LABELS, 3),
                Prediction.of(new float[] {0.8f, 0.15f, 0.05f}, LABELS, 3));
    }

    private static FrameResult result(TrackResult... tracks) {
        return new FrameResult(7, 0.7, W, H, List.of(tracks), 12, 30);
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(GRAY));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    @Test
    void boxEdgesAreTheTrackColourAndItsInsideIsUntouched() {
        BufferedImage img = canvas(W, H);
        Graphics2D g = img.createGraphics();
        new OverlayGraphics().paint(g, result(track(1, BOX)), null);
        g.dispose();
        int colour = OverlayLayout.rgb(1);
        int line = OverlayLayout.lineThickness(H, true);
        int mid = 180;
        assertThat(rgb(img, 100, mid)).as("left edge").isEqualTo(colour);
        assertThat(rgb(img, 100 + line - 1, mid)).as("left edge, inner pixel").isEqualTo(colour);
        assertThat(rgb(img, 259, mid)).as("right edge").isEqualTo(colour);
        assertThat(rgb(img, mid, 60)).as("top edge").isEqualTo(colour);
        assertThat(rgb(img, mid, 299)).as("bottom edge").isEqualTo(colour);
        assertThat(rgb(img, 100 + line, mid)).as("just inside the outline").isEqualTo(GRAY);
        assertThat(rgb(img, 99, mid)).as("just outside the box").isEqualTo(GRAY);
        assertThat(rgb(img, 180, 180)).as("the middle of the box").isEqualTo(GRAY);
        assertThat(rgb(img, 260, mid)).as("right of the box").isEqualTo(GRAY);
    }

    @Test
    void headlineBandSitsOnTheBoxWithTextAndAConfidenceBar() {
        BufferedImage img = canvas(W, H);
        Graphics2D g = img.createGraphics();
        TrackResult t = track(1, BOX);
        new OverlayGraphics().paint(g, result(t), null);
        OverlayGraphics.Band band = OverlayGraphics.measure(g, OverlayLayout.headline(t), OverlayLayout.textHeight(H), true);
        g.dispose();
        int colour = OverlayLayout.rgb(1);
        int ink = OverlayLayout.textRgbOn(colour);
        int top = 60 - band.height();
        assertThat(top).as("room above the box").isPositive();
        assertThat(rgb(img, 100, top)).as("band's top-left corner").isEqualTo(colour);
        assertThat(rgb(img, 100 + band.width() - 1, 59)).as("band's bottom-right corner").isEqualTo(colour);
        assertThat(rgb(img, 100 + band.width(), top + 1)).as("right of the band").isEqualTo(GRAY);
        assertThat(rgb(img, 100, top - 1)).as("above the band").isEqualTo(GRAY);

        int inkInText = 0;
        for (int y = top + band.pad(); y < top + band.pad() + band.ascent(); y++) {
            for (int x = 100 + band.pad(); x < 100 + band.width() - band.pad(); x++) {
                inkInText += rgb(img, x, y) == ink ? 1 : 0;
            }
        }
        assertThat(inkInText).as("text pixels in the band").isGreaterThan(50);

        // The bar: 80% filled with the text colour, the rest a shade of the band's colour.
        int barY = 60 - band.pad() - band.bar() / 2 - 1;
        int barLeft = 100 + band.pad(), barWidth = band.width() - 2 * band.pad();
        int filled = (int) Math.round(barWidth * 0.8);
        assertThat(rgb(img, barLeft + 1, barY)).as("bar start").isEqualTo(ink);
        assertThat(rgb(img, barLeft + filled - 2, barY)).as("bar end of the fill").isEqualTo(ink);
        assertThat(rgb(img, barLeft + filled + 2, barY)).as("bar's empty part").isEqualTo(OverlayGraphics.emptyBar(colour)).isNotEqualTo(colour).isNotEqualTo(ink);
    }

    @Test
    void frameLabelBelowTheBoxAndStatusInTheCorner() {
        BufferedImage img = canvas(W, H);
        Graphics2D g = img.createGraphics();
        new OverlayGraphics().paint(g, result(track(1, BOX)), "25.0 fps | 42 ms");
        g.dispose();
        assertThat(rgb(img, 100, 300)).as("per-frame label band under the box").isEqualTo(OverlayGraphics.STATUS_BACKGROUND);
        assertThat(rgb(img, W - 1, 0)).as("status band in the top-right corner").isEqualTo(OverlayGraphics.STATUS_BACKGROUND);
        assertThat(rgb(img, 0, 0)).isEqualTo(GRAY);
        assertThat(rgb(img, W - 1, H - 1)).isEqualTo(GRAY);
    }

    @Test
    void scalesWithTheView() {
        BufferedImage img = canvas(2 * W, 2 * H);
        Graphics2D g = img.createGraphics();
        g.scale(2, 2);
        new OverlayGraphics().paint(g, result(track(2, BOX)), null);
        g.dispose();
        int colour = OverlayLayout.rgb(2);
        assertThat(rgb(img, 200, 360)).as("left edge at twice the coordinates").isEqualTo(colour);
        assertThat(rgb(img, 519, 360)).as("right edge").isEqualTo(colour);
        assertThat(rgb(img, 360, 360)).as("inside").isEqualTo(GRAY);
    }

    @Test
    void twoTracksGetTheirOwnColours() {
        BufferedImage img = canvas(W, H);
        Graphics2D g = img.createGraphics();
        new OverlayGraphics().paint(g, result(track(1, BOX), track(2, new Box(420, 100, 120, 180))), null);
        g.dispose();
        assertThat(OverlayLayout.rgb(1)).isNotEqualTo(OverlayLayout.rgb(2));
        assertThat(rgb(img, 100, 180)).isEqualTo(OverlayLayout.rgb(1));
        assertThat(rgb(img, 420, 200)).isEqualTo(OverlayLayout.rgb(2));
    }
}
