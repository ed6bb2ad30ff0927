package org.vestis.ui;

import org.vestis.model.Prediction;
import org.vestis.video.Box;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.sink.OverlayLayout;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;

/**
 * Draws a frame's tracks on a Graphics2D in the frame's own pixel coordinates (the caller scales), with the same
 * texts, colours and places as the annotated video ({@link OverlayLayout}): the box in the track's colour, above it
 * "#id label NN%" with a bar for the smoothed confidence, below it the per-frame label, and a status line (fps,
 * inference latency) in the top-right corner. Outlines and bands are filled rectangles, so their pixels are exact.
 */
public final class OverlayGraphics {
    static final int STATUS_BACKGROUND = 0x202020;
    /** Font size per pixel of cap height (a sans-serif capital is about 0.72 of the font size). */
    private static final double FONT_PER_CAP = 1 / 0.72;

    private volatile boolean regions;

    /** Whether each person's body regions are outlined too (a garment model's head, torso, legs and feet). */
    public void showRegions(boolean show) {
        regions = show;
    }

    /** {@code status} may be null or empty (no corner line). */
    public void paint(Graphics2D g, FrameResult result, String status) {
        Object aa = g.getRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int w = result.width(), h = result.height();
        for (TrackResult t : result.tracks()) {
            paintTrack(g, t, w, h);
        }
        if (status != null && !status.isEmpty()) {
            Band band = measure(g, status, OverlayLayout.smallTextHeight(h), false);
            // Top-right: labels start at their box's left edge, so this corner is the one they rarely reach.
            drawBand(g, band, status, Math.max(0, w - band.width), 0, STATUS_BACKGROUND, -1);
        }
        if (aa != null) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, aa);
        }
    }

    private void paintTrack(Graphics2D g, TrackResult t, int w, int h) {
        Box box = t.detection().box().clip(w, h);
        if (box.width() < 1 || box.height() < 1) {
            return;
        }
        int rgb = OverlayLayout.rgb(t.trackId());
        int x0 = (int) Math.round(box.x()), y0 = (int) Math.round(box.y());
        int x1 = (int) Math.round(box.right()), y1 = (int) Math.round(box.bottom());
        int line = Math.min(OverlayLayout.lineThickness(h, t.confirmed()), Math.min(x1 - x0, y1 - y0));
        g.setColor(new Color(rgb));
        // Four filled strips inside the box: no stroke geometry or anti-aliasing to blur the edge.
        g.fillRect(x0, y0, x1 - x0, line);
        g.fillRect(x0, y1 - line, x1 - x0, line);
        g.fillRect(x0, y0, line, y1 - y0);
        g.fillRect(x1 - line, y0, line, y1 - y0);
        if (regions && t.garments() != null) {
            for (Box r : t.garments().regionsOn(t.detection().box()).values()) {
                Box c = r.clip(w, h);
                if (c.width() >= 2 && c.height() >= 2) {
                    g.drawRect((int) Math.round(c.x()), (int) Math.round(c.y()), (int) Math.round(c.width()) - 1, (int) Math.round(c.height()) - 1);
                }
            }
        }

        Band top = measure(g, OverlayLayout.headline(t), OverlayLayout.textHeight(h), true);
        drawBand(g, top, OverlayLayout.headline(t), OverlayLayout.bandLeft(box, top.width, w),
                OverlayLayout.headlineTop(box, top.height), rgb, confidence(t.smoothedLabel()));

        String subline = OverlayLayout.subline(t);
        if (subline != null) {
            Band bottom = measure(g, subline, OverlayLayout.smallTextHeight(h), false);
            drawBand(g, bottom, subline, OverlayLayout.bandLeft(box, bottom.width, w),
                    OverlayLayout.sublineTop(box, bottom.height, h), STATUS_BACKGROUND, -1);
        }
    }

    private static double confidence(Prediction p) {
        return p == null || p.top().isEmpty() ? -1 : p.top().get(0).probability();
    }

    /** A label band: padding, the text, and (for headlines) room for the confidence bar under the text. */
    record Band(int width, int height, int pad, int bar, Font font, int ascent) {
    }

    static Band measure(Graphics2D g, String text, int capHeight, boolean withBar) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont((float) (capHeight * FONT_PER_CAP));
        FontMetrics fm = g.getFontMetrics(font);
        int pad = Math.max(2, capHeight / 4);
        int bar = withBar ? Math.max(4, capHeight / 3) : 0;
        int textHeight = fm.getAscent() + fm.getDescent();
        int height = pad + textHeight + (withBar ? pad / 2 + bar : 0) + pad;
        return new Band(fm.stringWidth(text) + 2 * pad, height, pad, bar, font, fm.getAscent());
    }

    /** {@code confidence} in 0..1 draws the bar; negative means no bar. */
    private static void drawBand(Graphics2D g, Band band, String text, int left, int top, int backgroundRgb, double confidence) {
        g.setColor(new Color(backgroundRgb));
        g.fillRect(left, top, band.width, band.height);
        Color ink = new Color(OverlayLayout.textRgbOn(backgroundRgb));
        g.setColor(ink);
        g.setFont(band.font);
        g.drawString(text, left + band.pad, top + band.pad + band.ascent);
        if (band.bar > 0 && confidence >= 0) {
            int barWidth = band.width - 2 * band.pad;
            int barTop = top + band.height - band.pad - band.bar;
            g.setColor(new Color(emptyBar(backgroundRgb)));
            g.fillRect(left + band.pad, barTop, barWidth, band.bar);
            g.setColor(ink);
            g.fillRect(left + band.pad, barTop, (int) Math.round(barWidth * Math.min(1, confidence)), band.bar);
        }
    }

    /** The empty part of the bar: the band's colour shifted away from the text colour, so the filled part stands out. */
    static int emptyBar(int backgroundRgb) {
        return mix(backgroundRgb, OverlayLayout.textRgbOn(backgroundRgb) ^ 0xffffff);
    }

    /** Half-way between two colours. */
    static int mix(int a, int b) {
        int r = ((a >> 16 & 0xff) + (b >> 16 & 0xff)) / 2;
        int gr = ((a >> 8 & 0xff) + (b >> 8 & 0xff)) / 2;
        int bl = ((a & 0xff) + (b & 0xff)) / 2;
        return r << 16 | gr << 8 | bl;
    }
}
