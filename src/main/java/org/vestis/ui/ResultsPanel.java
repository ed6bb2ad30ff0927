package org.vestis.ui;

import org.vestis.io.ProjectRoot;
import javax.imageio.ImageIO;
import javax.swing.BorderFactory;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model bundle's training results as its training run wrote them: curves, confusion matrix and report. */
final class ResultsPanel extends JPanel {
    private final JComboBox<Bundles.Item> modelBox = new JComboBox<>();
    private final ImageBox curves = new ImageBox("", false);
    private final ImageBox confusion = new ImageBox("", false);
    private final JTextArea report = new JTextArea();

    ResultsPanel(ProjectRoot root) {
        super(new BorderLayout(8, 8));
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        Bundles.models(root).forEach(p -> modelBox.addItem(Bundles.Item.of(p.toAbsolutePath().normalize())));
        modelBox.setToolTipText("The model bundle whose results are shown");
        modelBox.addActionListener(e -> show((Bundles.Item) modelBox.getSelectedItem()));
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT));
        top.add(new JLabel("Model bundle:"));
        top.add(modelBox);
        javax.swing.JButton other = new javax.swing.JButton("Other bundle...");
        other.setToolTipText("Show the results of a model bundle from another directory");
        other.addActionListener(e -> Bundles.chooseOther(this, modelBox, root));
        top.add(other);
        add(top, BorderLayout.NORTH);

        // The curves image is two plots side by side, so it gets the wider share.
        JSplitPane plots = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, titled(curves, "Training curves"),
                titled(confusion, "Confusion matrix (test split)"));
        plots.setResizeWeight(0.6);
        plots.setBorder(null);
        report.setEditable(false);
        report.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, plots, titled(new JScrollPane(report), "report.md"));
        split.setResizeWeight(0.7);
        add(split, BorderLayout.CENTER);
        show((Bundles.Item) modelBox.getSelectedItem());
    }

    private static JComponent titled(JComponent c, String title) {
        JPanel p = new JPanel(new BorderLayout());
        p.setBorder(BorderFactory.createTitledBorder(title));
        p.add(c, BorderLayout.CENTER);
        return p;
    }

    private void show(Bundles.Item item) {
        if (item == null) {
            report.setText("No model bundles under models/ yet; train one with ./vestis train.");
            return;
        }
        Path dir = item.path();
        curves.set(read(dir.resolve("training-curves.png")), "no training-curves.png in " + item.name());
        confusion.set(read(dir.resolve("confusion-matrix.png")), "no confusion-matrix.png in " + item.name());
        try {
            Path md = dir.resolve("report.md");
            report.setText(Files.isRegularFile(md) ? Files.readString(md) : "No report.md in " + dir + ".");
        } catch (IOException e) {
            report.setText("report.md could not be read: " + e.getMessage());
        }
        report.setCaretPosition(0);
    }

    private static BufferedImage read(Path png) {
        try {
            return Files.isRegularFile(png) ? ImageIO.read(png.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
