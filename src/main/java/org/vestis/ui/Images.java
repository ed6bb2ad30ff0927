package org.vestis.ui;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** Conversions between OpenCV frames and Java images, and the annotated still of a frame. */
final class Images {
    private Images() {
    }

    /** A copy of a BGR 8-bit frame; TYPE_3BYTE_BGR has OpenCV's byte order, so rows are copied as they are. */
    static BufferedImage toImage(Mat bgr) {
        if (bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("expected an 8-bit BGR frame, got OpenCV type " + bgr.type());
        }
        int w = bgr.cols(), h = bgr.rows();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        BytePointer src = bgr.data();
        long step = bgr.step();
        if (step == 3L * w) {
            src.position(0).get(dst, 0, dst.length);
        } else {
            for (int y = 0; y < h; y++) {
                src.position(y * step).get(dst, y * 3 * w, 3 * w);
            }
            src.position(0);
        }
        return img;
    }

    /** The frame at its own resolution with the overlay drawn on it: what a snapshot saves. */
    static BufferedImage annotated(Shown shown, OverlayGraphics painter) {
        BufferedImage out = new BufferedImage(shown.image().getWidth(), shown.image().getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(shown.image(), 0, 0, null);
            painter.paint(g, shown.result(), shown.status());
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * {@code img} scaled to fit {@code w}x{@code h}, keeping its aspect ratio; {@code smooth} false keeps pixels sharp.
     * Leaves {@code g} transformed to the image's own coordinates, so that overlays can be drawn in them next.
     */
    static void drawFitted(Graphics2D g, BufferedImage img, int w, int h, boolean smooth) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth
                ? RenderingHints.VALUE_INTERPOLATION_BILINEAR : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        fitInto(g, img.getWidth(), img.getHeight(), w, h);
        g.drawImage(img, 0, 0, null);
    }

    /**
     * Changes {@code g}'s transform so that a {@code iw}x{@code ih} picture drawn at (0, 0) in its own pixels lands
     * centred in {@code w}x{@code h}, scaled to fit with its aspect ratio kept (overlays then use image coordinates).
     */
    private static void fitInto(Graphics2D g, int iw, int ih, int w, int h) {
        double scale = Math.min((double) w / iw, (double) h / ih);
        g.translate((w - iw * scale) / 2, (h - ih * scale) / 2);
        g.scale(scale, scale);
    }
}
