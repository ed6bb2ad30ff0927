package org.vestis.ui;

import javax.swing.SwingUtilities;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Passes frames from the pipeline's output thread to the Swing event thread: the newest frame wins and at most
 * one hand-over is queued on the event thread, so a slow repaint drops frames instead of stalling the pipeline.
 */
final class FrameHandoff {
    private final AtomicReference<Shown> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<Shown> onEventThread;

    FrameHandoff(Consumer<Shown> onEventThread) {
        this.onEventThread = onEventThread;
    }

    /** Never blocks. */
    void offer(Shown shown) {
        latest.set(shown);
        if (scheduled.compareAndSet(false, true)) {
            SwingUtilities.invokeLater(() -> {
                scheduled.set(false);
                Shown s = latest.getAndSet(null);
                if (s != null) {
                    onEventThread.accept(s);
                }
            });
        }
    }
}
