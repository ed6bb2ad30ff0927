package org.vestis.ui;

import org.vestis.io.ProjectRoot;
import org.vestis.io.OutputFiles;
import org.vestis.UserException;
import org.vestis.config.ConfigLoader;
import org.vestis.config.PipelineConfig;
import org.vestis.video.detect.Detectors;

import javax.imageio.ImageIO;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.JScrollPane;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JTabbedPane;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Graphics2D;
import java.awt.event.ActionEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The desktop app: a live tab (the pipeline's frames with boxes and labels, and the controls), an image tab
 * (one photo through a model bundle) and a results tab (a bundle's training results). It paints what the
 * pipeline produces; every control change goes to {@link LiveController}. Status and errors show in the bar at
 * the bottom and are also printed to standard output, one line each.
 */
public final class LiveWindow extends JFrame implements LiveController.Listener {
    public static final Dimension DEFAULT_SIZE = new Dimension(1280, 760);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int MAX_TOP_N = 20;

    private final ProjectRoot root;
    private final Path captures;
    private final PrintStream log;
    private final VideoView view = new VideoView();
    private final PeopleList people = new PeopleList();
    private final Recorder recorder = new Recorder();
    private final LiveController controller;
    private final OverlayGraphics painter = new OverlayGraphics();
    private final JLabel statusBar = new JLabel(" ");
    private final javax.swing.JProgressBar progress = new javax.swing.JProgressBar();
    private final JComboBox<SourceChoice> sourceBox = new JComboBox<>();
    private final JComboBox<Bundles.Item> configBox = new JComboBox<>();
    private final JComboBox<Bundles.Item> modelBox = new JComboBox<>();
    private final JComboBox<String> detectorBox = new JComboBox<>(Detectors.NAMES.toArray(new String[0]));
    private final JSlider topNSlider = new JSlider(1, MAX_TOP_N, 5);
    private final JLabel topNLabel = new JLabel();
    private final JSlider thresholdSlider = new JSlider(0, 100, 50);
    private final JLabel thresholdLabel = new JLabel();
    private final JToggleButton pauseButton = new JToggleButton("Pause");
    private final JToggleButton recordButton = new JToggleButton("Record");
    private final JToggleButton darkButton = new JToggleButton("Dark theme");
    private final JToggleButton regionsButton = new JToggleButton("Body regions");
    private final JTabbedPane tabs = new JTabbedPane();
    private final ImagePanel imagePanel;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Runnable> onFirstFrame = new java.util.ArrayList<>(); // event thread
    private boolean sawFrame; // event thread
    private LiveSettings current; // event thread: what runs (or is about to)
    private boolean updatingControls;

    /** A source picker entry: what it says, and what FrameSources opens. */
    record SourceChoice(String label, String spec) {
        @Override
        public String toString() {
            return label;
        }
    }

    public LiveWindow(ProjectRoot root, Path captures, PrintStream log) {
        super("Vestis");
        this.root = root;
        this.captures = captures;
        this.log = log;
        this.controller = new LiveController(root, new FrameHandoff(this::showFrame), recorder, this);
        this.imagePanel = new ImagePanel(root, this::status, this::error);
        recorder.onAbandon(() -> SwingUtilities.invokeLater(() -> recordButton.setSelected(false)));
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });

        JPanel live = new JPanel(new BorderLayout());
        live.add(view, BorderLayout.CENTER);
        live.add(controls(), BorderLayout.EAST);
        tabs.addTab("Live", live);
        tabs.addTab("Image", imagePanel);
        tabs.addTab("Results", new ResultsPanel(root));
        tabs.setToolTipTextAt(0, "The video with boxes and labels (Ctrl+1)");
        tabs.setToolTipTextAt(1, "One photo through a model (Ctrl+2)");
        tabs.setToolTipTextAt(2, "A model bundle's training results (Ctrl+3)");
        statusBar.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.setToolTipText("Loading a model or opening a source");
        JPanel bottom = new JPanel(new BorderLayout(8, 0));
        bottom.add(statusBar, BorderLayout.CENTER);
        bottom.add(progress, BorderLayout.EAST);
        getContentPane().add(tabs, BorderLayout.CENTER);
        getContentPane().add(bottom, BorderLayout.SOUTH);
        shortcuts();
        darkButton.setSelected(Themes.dark());
        setSize(DEFAULT_SIZE);
        setLocationRelativeTo(null);
    }

    private JComponent controls() {
        JPanel p = new JPanel();
        p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
        p.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        p.setPreferredSize(new Dimension(270, 0));

        for (String camera : cameras()) {
            sourceBox.addItem(new SourceChoice("Camera " + camera, camera));
        }
        if (Files.isRegularFile(root.demoClip())) {
            sourceBox.addItem(new SourceChoice("Demo clip", root.demoClip().toString()));
        }
        sourceBox.setToolTipText("What to watch: a camera, the demo clip, or a file or folder you opened");
        sourceBox.addActionListener(e -> {
            if (!updatingControls && sourceBox.getSelectedItem() instanceof SourceChoice c) {
                change(current.withSource(c.spec()));
            }
        });
        JButton openFile = button("Open file...", "Play a video file (Ctrl+O)", e -> openSource(false));
        JButton openFolder = button("Open folder...", "Play a folder of images (Ctrl+Shift+O)", e -> openSource(true));
        section(p, "Source", sourceBox, row(openFile, openFolder));

        Bundles.configs(root).forEach(c -> configBox.addItem(item(c)));
        configBox.setToolTipText("Run config: sets the model, top-N and threshold (Ctrl+M: next config)");
        configBox.addActionListener(e -> {
            if (!updatingControls && configBox.getSelectedItem() instanceof Bundles.Item c) {
                switchConfig(c.path());
            }
        });
        Bundles.models(root).forEach(m -> modelBox.addItem(item(m)));
        modelBox.setToolTipText("The model bundle that labels the crops; switching keeps the video running");
        modelBox.addActionListener(e -> {
            if (!updatingControls && modelBox.getSelectedItem() instanceof Bundles.Item m) {
                change(current.withModel(current.config(), m.path()));
            }
        });
        section(p, "Config", configBox);
        JButton otherModel = button("Other bundle...", "Use a model bundle from another directory", e -> Bundles.chooseOther(this, modelBox, root));
        section(p, "Model", modelBox, otherModel);

        detectorBox.setToolTipText("What finds the objects: full-frame, center, person (YOLO), face-torso, hog or motion");
        detectorBox.addActionListener(e -> {
            if (!updatingControls) {
                change(current.withDetector((String) detectorBox.getSelectedItem()));
            }
        });
        section(p, "Detector", detectorBox);

        topNSlider.setToolTipText("Each track's label is the average over its N best frames");
        topNSlider.addChangeListener(e -> {
            topNLabel.setText("Smooth over the best " + topNSlider.getValue() + " frames");
            if (!updatingControls && !topNSlider.getValueIsAdjusting() && topNSlider.getValue() != current.topN()) {
                change(current.withTopN(topNSlider.getValue()));
            }
        });
        section(p, "Top-N", topNSlider, topNLabel);
        thresholdSlider.setToolTipText("Detections below this confidence are ignored");
        thresholdSlider.addChangeListener(e -> {
            thresholdLabel.setText("Confidence at least " + thresholdSlider.getValue() + "%");
            double v = thresholdSlider.getValue() / 100.0;
            if (!updatingControls && !thresholdSlider.getValueIsAdjusting() && Math.abs(v - current.threshold()) > 1e-9) {
                change(current.withMinScore(v));
            }
        });
        section(p, "Threshold", thresholdSlider, thresholdLabel);

        pauseButton.setToolTipText("Pause or resume (P)");
        pauseButton.addActionListener(e -> setPaused(pauseButton.isSelected()));
        JButton step = button("Step", "One frame forward while paused (N)", e -> step());
        JButton snapshot = button("Snapshot", "Save the annotated frame as PNG (Ctrl+S)", e -> snapshot());
        recordButton.setToolTipText("Record the annotated video (Ctrl+R)");
        recordButton.addActionListener(e -> record(recordButton.isSelected()));
        section(p, "Playback", row(pauseButton, step), row(snapshot, recordButton));

        darkButton.setToolTipText("Switch between the light and dark theme (Ctrl+T)");
        darkButton.addActionListener(e -> setDark(darkButton.isSelected()));
        regionsButton.setToolTipText("Outline each person's head, torso, legs and feet, where the garments are read (garment models)");
        regionsButton.addActionListener(e -> {
            view.showRegions(regionsButton.isSelected());
            painter.showRegions(regionsButton.isSelected());
        });
        section(p, "Look", row(darkButton, regionsButton));
        JScrollPane peopleScroll = new JScrollPane(people);
        peopleScroll.setPreferredSize(new Dimension(250, 130));
        section(p, "People in view", peopleScroll);
        p.add(Box.createVerticalGlue());
        return p;
    }

    private static JButton button(String text, String tip, java.awt.event.ActionListener action) {
        JButton b = new JButton(text);
        b.setToolTipText(tip);
        b.addActionListener(action);
        return b;
    }

    private static JComponent row(JComponent... items) {
        JPanel r = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        for (JComponent c : items) {
            r.add(c);
        }
        return r;
    }

    private static void section(JPanel p, String title, JComponent... items) {
        JLabel head = new JLabel(title);
        head.putClientProperty("FlatLaf.styleClass", "h4");
        head.setBorder(BorderFactory.createEmptyBorder(8, 0, 2, 0));
        p.add(left(head));
        for (JComponent c : items) {
            c.setMaximumSize(new Dimension(Integer.MAX_VALUE, c.getPreferredSize().height));
            p.add(left(c));
        }
    }

    private static JComponent left(JComponent c) {
        c.setAlignmentX(Component.LEFT_ALIGNMENT);
        return c;
    }

    private Bundles.Item item(Path p) {
        return Bundles.Item.of(p.toAbsolutePath().normalize());
    }

    /** Cameras the system lists (Linux: /dev/video*); at least camera 0, which may or may not open. */
    private static List<String> cameras() {
        try (var s = Files.list(Path.of("/dev"))) {
            List<String> found = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("video\\d+"))
                    .map(n -> n.substring("video".length())).sorted().toList();
            return found.isEmpty() ? List.of("0") : found;
        } catch (IOException | RuntimeException e) {
            return List.of("0");
        }
    }

    private void shortcuts() {
        bind("P", "pause", () -> pauseButton.doClick());
        bind("N", "step", this::step);
        bind("ctrl S", "snapshot", this::snapshot);
        bind("ctrl R", "record", () -> recordButton.doClick());
        bind("ctrl O", "open-file", () -> openSource(false));
        bind("ctrl shift O", "open-folder", () -> openSource(true));
        bind("ctrl T", "theme", () -> darkButton.doClick());
        bind("ctrl M", "next-config", () -> configBox.setSelectedIndex((configBox.getSelectedIndex() + 1) % Math.max(1, configBox.getItemCount())));
        bind("ctrl 1", "tab-live", () -> tabs.setSelectedIndex(0));
        bind("ctrl 2", "tab-image", () -> tabs.setSelectedIndex(1));
        bind("ctrl 3", "tab-results", () -> tabs.setSelectedIndex(2));
    }

    private void bind(String key, String name, Runnable action) {
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(key), name);
        getRootPane().getActionMap().put(name, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                action.run();
            }
        });
    }

    /** Before the first window: FlatLaf light or dark. */
    public static void installTheme(boolean dark) {
        Themes.install(dark);
    }

    /**
     * Shows the window and starts the pipeline: {@code source} through {@code pipeline}, the validated pipeline section of
     * {@code config} with the command's flags; when the camera does not open, the demo clip plays.
     */
    public void start(String source, Path config, PipelineConfig pipeline) {
        current = new LiveSettings(source, config.toAbsolutePath().normalize(), root.resolve(pipeline.model).toAbsolutePath().normalize(),
                pipeline.detector, pipeline.topN, pipeline.minScore, pipeline.detectorModels);
        showControls(current, null);
        setVisible(true);
        controller.start(current);
    }

    private void change(LiveSettings next) {
        current = next;
        controller.change(next);
    }

    /** Loads the config's pipeline section and switches to its model, top-N and threshold (the detector stays). */
    private void switchConfig(Path config) {
        try {
            PipelineConfig c = ConfigLoader.load(config).pipeline;
            c.validate(config.toString());
            change(current.withModel(config.toAbsolutePath().normalize(), root.resolve(c.model).toAbsolutePath().normalize())
                    .withTopN(c.topN).withMinScore(c.minScore));
        } catch (UserException e) {
            error(e.getMessage());
            showControls(current, null);
        }
    }

    /** Selects {@code config} in the picker, exactly as a click would. */
    public void selectConfig(Path config) {
        Bundles.Item wanted = item(config);
        boolean listed = false;
        for (int i = 0; i < configBox.getItemCount(); i++) {
            listed |= configBox.getItemAt(i).equals(wanted);
        }
        if (!listed) {
            configBox.addItem(wanted);
        }
        configBox.setSelectedItem(wanted);
    }

    private void showFrame(Shown s) {
        view.show(s);
        people.show(s.result());
        if (!sawFrame) {
            sawFrame = true;
            List<Runnable> waiting = List.copyOf(onFirstFrame);
            onFirstFrame.clear();
            waiting.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code r} on the event thread once the first frame is shown, or after {@code maxWaitSeconds} if none
     * comes: scripted runs count their seconds from there, so a slow model load does not eat the script.
     */
    public void afterFirstFrame(double maxWaitSeconds, Runnable r) {
        if (sawFrame) {
            r.run();
            return;
        }
        onFirstFrame.add(r);
        javax.swing.Timer t = new javax.swing.Timer((int) Math.round(maxWaitSeconds * 1000), e -> {
            if (onFirstFrame.remove(r)) {
                r.run();
            }
        });
        t.setRepeats(false);
        t.start();
    }

    /** Does what the keyboard shortcut {@code key} does ("ctrl S", "P"), through the same key binding. */
    public void press(KeyStroke key) {
        Object name = getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).get(key);
        if (name == null) {
            error("No shortcut is bound to " + key + ".");
            return;
        }
        log.println("vestis live: key " + key.toString().replace("pressed ", ""));
        getRootPane().getActionMap().get(name).actionPerformed(new ActionEvent(getRootPane(), ActionEvent.ACTION_PERFORMED, String.valueOf(name)));
    }

    public void openPhoto(Path photo) {
        tabs.setSelectedIndex(1);
        imagePanel.open(photo);
    }

    public void selectTab(int index) {
        tabs.setSelectedIndex(index);
    }

    private void openSource(boolean folder) {
        JFileChooser chooser = new JFileChooser(root.dir().toFile());
        chooser.setFileSelectionMode(folder ? JFileChooser.DIRECTORIES_ONLY : JFileChooser.FILES_ONLY);
        chooser.setDialogTitle(folder ? "Open a folder of images" : "Open a video file");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            change(current.withSource(chooser.getSelectedFile().getPath()));
        }
    }

    private void setPaused(boolean paused) {
        pauseButton.setSelected(paused);
        view.setPaused(paused);
        controller.setPaused(paused);
    }

    private void step() {
        if (!pauseButton.isSelected()) {
            setPaused(true);
        }
        controller.step();
    }

    private void setDark(boolean dark) {
        darkButton.setSelected(dark);
        Themes.switchTo(dark);
    }

    private void snapshot() {
        Shown s = view.shown();
        if (s == null) {
            error("There is no frame to save yet.");
            return;
        }
        Path file = captures.resolve("vestis-" + LocalDateTime.now().format(STAMP) + "-frame" + s.result().frameIndex() + ".png");
        try {
            writePng(Images.annotated(s, painter), file);
            status("Saved the frame to " + file + ".");
        } catch (IOException | UserException e) {
            error("The snapshot could not be saved to " + file + ": " + e.getMessage());
        }
    }

    private void record(boolean on) {
        if (on) {
            Path file = captures.resolve("vestis-" + LocalDateTime.now().format(STAMP) + ".mp4");
            try {
                recorder.start(file, controller.frameRate());
                status("Recording the annotated video to " + file + " (Ctrl+R stops).");
            } catch (UserException e) {
                recordButton.setSelected(false);
                error(e.getMessage());
            }
        } else {
            new Thread(() -> {
                try {
                    Path saved = recorder.stop();
                    status(saved != null ? "Saved the recording to " + saved + "." : "Recording stopped; no video was saved.");
                } catch (UserException e) {
                    error(e.getMessage());
                }
            }, "recorder-stop").start();
        }
    }

    /** The whole window as it is on screen, at its size. */
    public void screenshot(Path file) throws IOException {
        BufferedImage img = new BufferedImage(getWidth(), getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        writePng(img, file);
        Shown s = view.shown();
        log.println("vestis live: screenshot " + file + " (" + img.getWidth() + "x" + img.getHeight()
                + (s == null ? ", no frame yet)" : ", frame " + s.result().frameIndex() + ")"));
    }

    private static void writePng(BufferedImage img, Path file) throws IOException {
        OutputFiles.createParent(file);
        Path part = OutputFiles.partName(file);
        if (!ImageIO.write(img, "png", part.toFile())) {
            throw new IOException("no PNG writer");
        }
        OutputFiles.publish(part, file);
    }

    /** Stops the pipeline, finishes a recording, closes the window. */
    public void close() {
        setVisible(false);
        Thread t = new Thread(() -> {
            controller.shutdown();
            recorder.stop();
            SwingUtilities.invokeLater(this::dispose);
            closed.countDown();
        }, "live-close");
        t.start();
    }

    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    // LiveController.Listener (any thread)

    @Override
    public void status(String message) {
        log.println("vestis live: " + message);
        SwingUtilities.invokeLater(() -> {
            statusBar.setForeground(javax.swing.UIManager.getColor("Label.foreground"));
            statusBar.setText(message);
            statusBar.setToolTipText(message);
            if (view.shown() == null) {
                view.setPlaceholder(message);
            }
        });
    }

    @Override
    public void error(String message) {
        log.println("vestis live: error: " + message);
        SwingUtilities.invokeLater(() -> {
            statusBar.setForeground(Themes.dark() ? new Color(0xff7b72) : new Color(0xc62828));
            statusBar.setText(message);
            statusBar.setToolTipText(message);
            if (view.shown() == null) {
                view.setPlaceholder(message);
            }
        });
    }

    @Override
    public void busy(boolean busy) {
        SwingUtilities.invokeLater(() -> progress.setVisible(busy));
    }

    @Override
    public void applied(LiveSettings settings, String sourceDescription) {
        SwingUtilities.invokeLater(() -> {
            boolean newSource = current == null || !Objects.equals(current.source(), settings.source());
            current = settings;
            showControls(settings, sourceDescription);
            if (newSource || !pauseButton.isSelected()) {
                pauseButton.setSelected(false);
                view.setPaused(false);
            }
        });
    }

    /** Sets every control to {@code s} without firing changes. */
    private void showControls(LiveSettings s, String sourceDescription) {
        updatingControls = true;
        try {
            SourceChoice wanted = null;
            for (int i = 0; i < sourceBox.getItemCount(); i++) {
                if (sourceBox.getItemAt(i).spec().equals(s.source())) {
                    wanted = sourceBox.getItemAt(i);
                }
            }
            if (wanted == null) {
                wanted = new SourceChoice(sourceDescription != null ? shortName(sourceDescription) : shortName(s.source()), s.source());
                sourceBox.addItem(wanted);
            }
            sourceBox.setSelectedItem(wanted);
            if (s.config() != null) {
                Bundles.Item c = item(s.config());
                if (((javax.swing.DefaultComboBoxModel<Bundles.Item>) configBox.getModel()).getIndexOf(c) < 0) {
                    configBox.addItem(c);
                }
                configBox.setSelectedItem(c);
            }
            Bundles.Item m = item(s.model());
            if (((javax.swing.DefaultComboBoxModel<Bundles.Item>) modelBox.getModel()).getIndexOf(m) < 0) {
                modelBox.addItem(m);
            }
            modelBox.setSelectedItem(m);
            detectorBox.setSelectedItem(s.detector());
            topNSlider.setValue(Math.min(MAX_TOP_N, s.topN()));
            thresholdSlider.setValue((int) Math.round(s.threshold() * 100));
            topNLabel.setText("Smooth over the best " + topNSlider.getValue() + " frames");
            thresholdLabel.setText("Confidence at least " + thresholdSlider.getValue() + "%" + (s.minScore() == null ? " (default)" : ""));
        } finally {
            updatingControls = false;
        }
    }

    private static String shortName(String s) {
        String name = Path.of(s.replaceAll("[?#].*$", "")).getFileName() == null ? s : Path.of(s.replaceAll("[?#].*$", "")).getFileName().toString();
        return name.length() > 30 ? name.substring(0, 27) + "..." : name;
    }
}
