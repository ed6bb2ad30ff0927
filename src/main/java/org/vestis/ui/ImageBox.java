package org.vestis.ui;

import javax.swing.JComponent;
import javax.swing.UIManager;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A picture scaled to fit (aspect kept), or a short note when there is none. {@code pixelated} for tiny model inputs. */
final class ImageBox extends JComponent {
    private final boolean pixelated;
    private BufferedImage image;
    private String note;

    ImageBox(String note, boolean pixelated) {
        this.note = note;
        this.pixelated = pixelated;
        setPreferredSize(new Dimension(280, 280));
    }

    void set(BufferedImage img, String noteWhenEmpty) {
        image = img;
        note = noteWhenEmpty;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            if (image != null) {
                Images.drawFitted(g, image, getWidth(), getHeight(), !pixelated);
            } else if (note != null) {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(UIManager.getColor("Label.disabledForeground"));
                FontMetrics fm = g.getFontMetrics();
                g.drawString(note, Math.max(4, (getWidth() - fm.stringWidth(note)) / 2), getHeight() / 2);
            }
        } finally {
            g.dispose();
        }
    }
}
