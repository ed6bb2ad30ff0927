package org.vestis.ui;

import org.vestis.model.Prediction;

import javax.swing.JComponent;
import javax.swing.UIManager;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import java.util.Locale;

/** The top labels of a prediction as horizontal bars, best first, with percentages. */
final class LabelBars extends JComponent {
    private static final int ROW = 34;
    private List<Prediction.Ranked> ranked = List.of();

    LabelBars() {
        setPreferredSize(new Dimension(320, 5 * ROW + 10));
    }

    void set(Prediction p) {
        ranked = p == null ? List.of() : p.top();
        repaint();
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Font base = getFont() == null ? new Font(Font.SANS_SERIF, Font.PLAIN, 13) : getFont();
            g.setFont(base.deriveFont(14f));
            FontMetrics fm = g.getFontMetrics();
            Color accent = UIManager.getColor("Component.accentColor");
            Color track = UIManager.getColor("ProgressBar.background");
            Color text = UIManager.getColor("Label.foreground");
            int labelWidth = 130, percentWidth = fm.stringWidth("100.0%") + 8;
            int barWidth = Math.max(20, getWidth() - labelWidth - percentWidth - 8);
            for (int i = 0; i < ranked.size(); i++) {
                Prediction.Ranked r = ranked.get(i);
                int y = 4 + i * ROW;
                g.setColor(text == null ? Color.DARK_GRAY : text);
                g.setFont(base.deriveFont(i == 0 ? Font.BOLD : Font.PLAIN, 14f));
                g.drawString(r.label(), 4, y + 20);
                g.setColor(track == null ? Color.LIGHT_GRAY : track);
                g.fillRoundRect(labelWidth, y + 8, barWidth, 16, 8, 8);
                g.setColor(accent == null ? new Color(0x2675bf) : accent);
                g.fillRoundRect(labelWidth, y + 8, (int) Math.round(barWidth * r.probability()), 16, 8, 8);
                g.setColor(text == null ? Color.DARK_GRAY : text);
                g.drawString(String.format(Locale.ROOT, "%.1f%%", r.probability() * 100), labelWidth + barWidth + 8, y + 21);
            }
        } finally {
            g.dispose();
        }
    }
}
