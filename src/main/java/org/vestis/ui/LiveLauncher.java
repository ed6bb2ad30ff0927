package org.vestis.ui;

import org.vestis.UserException;
import org.vestis.config.PipelineConfig;
import org.vestis.io.ProjectRoot;

import javax.swing.SwingUtilities;
import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** Opens the desktop window on the Swing thread, as {@code vestis live} asks, and waits until it is closed. */
public final class LiveLauncher {
    /** Where the window starts. {@code tab}: 0 live, 1 image, 2 results; {@code photo} opens the image tab, or null. */
    public record Start(String source, Path configFile, PipelineConfig pipeline, int tab, Path photo, boolean dark, Path captures) {
    }

    private LiveLauncher() {
    }

    /** Refuses to go on without a display: one sentence, before anything else happens. */
    public static void requireDisplay() {
        if (GraphicsEnvironment.isHeadless()) {
            throw new UserException("No display is available for the window (is DISPLAY set?); run it on a desktop, or use 'vestis analyze' for videos without a window.");
        }
    }

    /** Opens the window, plays the script (if any) and returns when the window has been closed. */
    public static void run(ProjectRoot root, Start start, LiveScript script, PrintStream log)
            throws InterruptedException, InvocationTargetException {
        AtomicReference<LiveWindow> window = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                LiveWindow.installTheme(start.dark());
                LiveWindow w = new LiveWindow(root, start.captures(), log);
                window.set(w);
                w.start(start.source(), start.configFile(), start.pipeline());
                w.selectTab(start.tab());
                if (start.photo() != null) {
                    w.openPhoto(start.photo());
                }
                script.start(w);
            } catch (RuntimeException e) {
                failure.set(e);
            } catch (AWTError e) {
                failure.set(new UserException("The display " + System.getenv("DISPLAY") + " could not be opened (" + e.getMessage()
                        + "); check DISPLAY, or use 'vestis analyze' for videos without a window.", e));
            }
        });
        if (failure.get() != null) {
            if (window.get() != null) {
                window.get().close();
            }
            throw failure.get();
        }
        window.get().awaitClosed();
    }
}
