package org.vestis.ui;

import javax.swing.JComponent;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;

/**
 * Paints the newest frame and its overlay, scaled to fit the component (aspect kept, centred). It only paints
 * what it was given on the event thread; it never waits for the pipeline.
 */
final class VideoView extends JComponent {
    private final OverlayGraphics painter = new OverlayGraphics();
    private Shown shown;
    private String placeholder = "Starting...";
    private boolean paused;

    VideoView() {
        setPreferredSize(new Dimension(800, 450));
        setOpaque(true);
    }

    /** Outlines each person's body regions (garment models) from the next paint on. */
    void showRegions(boolean show) {
        painter.showRegions(show);
        repaint();
    }

    /** Event thread only. */
    void show(Shown s) {
        shown = s;
        repaint();
    }

    Shown shown() {
        return shown;
    }

    void setPlaceholder(String text) {
        placeholder = text;
        repaint();
    }

    void setPaused(boolean value) {
        paused = value;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, getWidth(), getHeight());
            Shown s = shown;
            if (s == null) {
                drawCentred(g, placeholder);
                return;
            }
            AffineTransform before = g.getTransform();
            Images.drawFitted(g, s.image(), getWidth(), getHeight(), true);
            painter.paint(g, s.result(), s.status());
            g.setTransform(before);
            if (paused) {
                drawCentred(g, "Paused");
            }
        } finally {
            g.dispose();
        }
    }

    private void drawCentred(Graphics2D g, String text) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(getFont().deriveFont(Font.BOLD, 18f));
        FontMetrics fm = g.getFontMetrics();
        int x = (getWidth() - fm.stringWidth(text)) / 2, y = getHeight() / 2;
        g.setColor(new Color(0, 0, 0, 160));
        g.fillRect(x - 10, y - fm.getAscent() - 6, fm.stringWidth(text) + 20, fm.getHeight() + 12);
        g.setColor(Color.WHITE);
        g.drawString(text, x, y);
    }
}
