package org.vestis.video.sink;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.vestis.video.Box;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

/** Draws a frame's tracks and a status line onto a BGR image, in the layout {@link OverlayLayout} decides. */
public final class OverlayPainter {
    /** Cap height in pixels of FONT_HERSHEY_SIMPLEX at scale 1. */
    private static final double HERSHEY_CAP_HEIGHT = 22;
    private static final int STATUS_BACKGROUND = 0x202020;

    private final boolean regions;

    public OverlayPainter() {
        this(false);
    }

    /** {@code regions}: also outline each person's body regions (head, torso, legs, feet), for a garment model. */
    public OverlayPainter(boolean regions) {
        this.regions = regions;
    }

    /** Draws on {@code image} itself: pass a copy to keep the original. */
    @SuppressWarnings("try") // the scope is used for its side effect: it collects what is allocated inside
    public void paint(Mat image, FrameResult result, String status) {
        // The many small Points and Scalars are freed here, not whenever the garbage collector gets to them.
        try (PointerScope scope = new PointerScope()) {
            int w = image.cols(), h = image.rows();
            for (TrackResult t : result.tracks()) {
                paintTrack(image, t, w, h);
            }
            if (status != null && !status.isEmpty()) {
                int px = OverlayLayout.smallTextHeight(h);
                Band band = measure(status, px);
                drawBand(image, band, status, 0, h - band.height, STATUS_BACKGROUND);
            }
        }
    }

    private void paintTrack(Mat image, TrackResult t, int w, int h) {
        Box box = t.detection().box().clip(w, h);
        if (box.width() < 1 || box.height() < 1) {
            return;
        }
        int rgb = OverlayLayout.rgb(t.trackId());
        int x0 = (int) Math.round(box.x()), y0 = (int) Math.round(box.y());
        int x1 = (int) Math.round(box.right()) - 1, y1 = (int) Math.round(box.bottom()) - 1;
        // LINE_8 keeps the outline one solid colour (anti-aliasing would blend it into the picture).
        rectangle(image, new Point(x0, y0), new Point(x1, y1), bgr(rgb), OverlayLayout.lineThickness(h, t.confirmed()), LINE_8, 0);
        if (regions && t.garments() != null) {
            for (Box r : t.garments().regionsOn(t.detection().box()).values()) {
                Box c = r.clip(w, h);
                if (c.width() >= 1 && c.height() >= 1) {
                    rectangle(image, new Point((int) Math.round(c.x()), (int) Math.round(c.y())),
                            new Point((int) Math.round(c.right()) - 1, (int) Math.round(c.bottom()) - 1), bgr(rgb), 1, LINE_8, 0);
                }
            }
        }

        String headline = OverlayLayout.headline(t);
        int px = OverlayLayout.textHeight(h);
        Band top = measure(headline, px);
        drawBand(image, top, headline, OverlayLayout.bandLeft(box, top.width, w), OverlayLayout.headlineTop(box, top.height), rgb);

        String subline = OverlayLayout.subline(t);
        if (subline != null) {
            int small = OverlayLayout.smallTextHeight(h);
            Band bottom = measure(subline, small);
            drawBand(image, bottom, subline, OverlayLayout.bandLeft(box, bottom.width, w),
                    OverlayLayout.sublineTop(box, bottom.height, h), STATUS_BACKGROUND);
        }
    }

    private record Band(int width, int height, int textHeight, int pad, double scale, int thickness) {
    }

    private static Band measure(String text, int px) {
        double scale = px / HERSHEY_CAP_HEIGHT;
        int thickness = Math.max(1, Math.round(px / 12f));
        IntPointer baseline = new IntPointer(1);
        Size size = getTextSize(text, FONT_HERSHEY_SIMPLEX, scale, thickness, baseline);
        int pad = Math.max(2, px / 4);
        return new Band(size.width() + 2 * pad, size.height() + baseline.get() + 2 * pad, size.height(), pad, scale, thickness);
    }

    private static void drawBand(Mat image, Band band, String text, int left, int top, int backgroundRgb) {
        rectangle(image, new Point(left, top), new Point(left + band.width - 1, top + band.height - 1), bgr(backgroundRgb), FILLED, LINE_8, 0);
        putText(image, text, new Point(left + band.pad, top + band.pad + band.textHeight), FONT_HERSHEY_SIMPLEX, band.scale,
                bgr(OverlayLayout.textRgbOn(backgroundRgb)), band.thickness, LINE_AA, false);
    }

    /** OpenCV wants blue, green, red. */
    static Scalar bgr(int rgb) {
        return new Scalar(rgb & 0xff, rgb >> 8 & 0xff, rgb >> 16 & 0xff, 0);
    }
}
