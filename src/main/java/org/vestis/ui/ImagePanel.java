package org.vestis.ui;

import org.vestis.io.ProjectRoot;
import org.vestis.model.ModelBundle;
import org.vestis.photo.BatchPredictor;
import org.vestis.photo.PhotoPreprocessor;
import org.vestis.model.Prediction;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import javax.swing.filechooser.FileNameExtensionFilter;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.awt.datatransfer.DataFlavor;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Drop or open a photo and see what a model bundle makes of it: the photo, the input the model sees after the
 * bundle's preprocessing, and its top-5 labels. Classification runs off the event thread.
 */
final class ImagePanel extends JPanel {
    private static final int TOP = 5;

    private final ProjectRoot root;
    private final Consumer<String> status;
    private final Consumer<String> error;
    private final JComboBox<Bundles.Item> modelBox = new JComboBox<>();
    private final ImageBox photoBox = new ImageBox("Drop a photo here, or open one.", false);
    private final ImageBox inputBox = new ImageBox("", true);
    private final LabelBars bars = new LabelBars();
    private final JLabel caption = new JLabel(" ");
    private final Map<Path, ModelBundle> bundles = new HashMap<>(); // touched on the worker only
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "image-classifier");
        t.setDaemon(true);
        return t;
    });
    private Path photo;

    ImagePanel(ProjectRoot root, Consumer<String> status, Consumer<String> error) {
        super(new BorderLayout(8, 8));
        this.root = root;
        this.status = status;
        this.error = error;
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        Bundles.models(root).forEach(p -> modelBox.addItem(Bundles.Item.of(p.toAbsolutePath().normalize())));
        modelBox.setToolTipText("The model bundle that classifies the photo");
        modelBox.addActionListener(e -> classify());
        JButton open = new JButton("Open photo...");
        open.setToolTipText("Open a photo (or drop one anywhere on this tab)");
        open.addActionListener(e -> choose());
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT));
        top.add(open);
        top.add(new JLabel("Model:"));
        top.add(modelBox);
        JButton other = new JButton("Other bundle...");
        other.setToolTipText("Use a model bundle from another directory");
        other.addActionListener(e -> Bundles.chooseOther(this, modelBox, root));
        top.add(other);
        top.add(caption);
        add(top, BorderLayout.NORTH);

        JPanel pictures = new JPanel(new GridLayout(1, 2, 8, 8));
        pictures.add(titled(photoBox, "Photo"));
        pictures.add(titled(inputBox, "What the model sees"));
        add(pictures, BorderLayout.CENTER);
        add(titled(bars, "Top-5 labels"), BorderLayout.SOUTH);
        setTransferHandler(new PhotoDrop());
    }

    private static JComponent titled(JComponent c, String title) {
        JPanel p = new JPanel(new BorderLayout());
        p.setBorder(BorderFactory.createTitledBorder(title));
        p.add(c, BorderLayout.CENTER);
        return p;
    }

    private void choose() {
        JFileChooser chooser = new JFileChooser(photo != null ? photo.getParent().toFile() : root.dir().toFile());
        chooser.setFileFilter(new FileNameExtensionFilter("Images (JPEG, PNG, BMP, GIF)", "jpg", "jpeg", "png", "bmp", "gif"));
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            open(chooser.getSelectedFile().toPath());
        }
    }

    /** Shows and classifies {@code file} with the selected bundle. */
    void open(Path file) {
        photo = file;
        classify();
    }

    private void classify() {
        Path file = photo;
        Bundles.Item item = (Bundles.Item) modelBox.getSelectedItem();
        if (file == null || item == null) {
            return;
        }
        caption.setText("Classifying " + file.getFileName() + "...");
        worker.submit(() -> {
            try {
                BufferedImage img = PhotoPreprocessor.read(file);
                ModelBundle bundle = bundles.computeIfAbsent(item.path(), p -> ModelBundle.load(p).forInference());
                BufferedImage input = new PhotoPreprocessor(bundle.info().input(), bundle.info().preprocessing()).toModelImage(img);
                Prediction p = BatchPredictor.photos(bundle, BatchPredictor.ONE_BATCH).predict(List.of(img), TOP).get(0);
                SwingUtilities.invokeLater(() -> {
                    photoBox.set(img, null);
                    inputBox.set(input, null);
                    bars.set(p);
                    String best = p.top().get(0).label();
                    caption.setText(file.getFileName() + ": " + best);
                    status.accept("Image " + file.getFileName() + " with " + item.name() + ": " + best
                            + String.format(java.util.Locale.ROOT, " %.1f%%", p.top().get(0).probability() * 100) + ".");
                });
            } catch (RuntimeException e) {
                SwingUtilities.invokeLater(() -> {
                    caption.setText(" ");
                    error.accept(LiveController.message(e));
                });
            }
        });
    }

    /** Accepts dropped files; the first one is classified. */
    private final class PhotoDrop extends TransferHandler {
        @Override
        public boolean canImport(TransferSupport support) {
            return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
        }

        @Override
        public boolean importData(TransferSupport support) {
            try {
                @SuppressWarnings("unchecked")
                List<File> files = (List<File>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
                if (files.isEmpty()) {
                    return false;
                }
                open(files.get(0).toPath());
                return true;
            } catch (Exception e) {
                error.accept("The dropped item could not be read as a file.");
                return false;
            }
        }
    }
}
