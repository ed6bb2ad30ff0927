package org.vestis.ui;

import org.vestis.UserException;
import org.vestis.io.ProjectRoot;

import javax.swing.KeyStroke;
import javax.swing.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A scripted run of the window, for tests and docs: config switches every {@code switchAfter} seconds, key presses
 * at given seconds, and a close (with a screenshot first, if asked) after {@code quitAfter} seconds. The switches and
 * presses go through the window's picker and key bindings, the same paths as a user's.
 */
public record LiveScript(List<Path> switchConfigs, double switchAfter, List<String> presses, Double quitAfter, Path screenshot) {
    /** Scripted seconds count from the first frame shown (at most this long after the window opens). */
    private static final double START_MAX_WAIT = 60;

    /** Checks every --press now, so that a mistake is reported before the window opens. */
    public LiveScript {
        for (String press : presses) {
            keyOf(press);
        }
    }

    void start(LiveWindow w) {
        w.afterFirstFrame(START_MAX_WAIT, () -> run(w));
    }

    private void run(LiveWindow w) {
        for (int i = 0; i < switchConfigs.size(); i++) {
            Path target = ProjectRoot.find().resolve(switchConfigs.get(i).toString());
            once(switchAfter * (i + 1), () -> w.selectConfig(target));
        }
        for (String press : presses) {
            KeyStroke key = keyOf(press);
            once(Double.parseDouble(press.substring(press.lastIndexOf('@') + 1)), () -> w.press(key));
        }
        if (quitAfter != null) {
            once(quitAfter, () -> {
                if (screenshot != null) {
                    try {
                        w.screenshot(screenshot);
                    } catch (IOException e) {
                        w.error("The screenshot could not be saved to " + screenshot + ": " + e.getMessage());
                    }
                }
                w.close();
            });
        }
    }

    private static KeyStroke keyOf(String press) {
        int at = press.lastIndexOf('@');
        KeyStroke key = at > 0 ? KeyStroke.getKeyStroke(press.substring(0, at).trim()) : null;
        double seconds;
        try {
            seconds = at > 0 ? Double.parseDouble(press.substring(at + 1)) : -1;
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (key == null || !(seconds >= 0)) {
            throw new UserException("--press " + press + " is not KEY@SECONDS with a key as Swing writes it, e.g. \"ctrl S@5\" or \"P@3\".");
        }
        return key;
    }

    private static void once(double seconds, Runnable action) {
        Timer t = new Timer((int) Math.round(seconds * 1000), e -> action.run());
        t.setRepeats(false);
        t.start();
    }
}
