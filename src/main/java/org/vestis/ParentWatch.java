package org.vestis;

import java.util.Optional;

/**
 * Lets a child JVM die with the process that started it. A parent killed with SIGKILL (or crashing) cannot stop its
 * children, and an orphaned training run then collides with the parent's rerun. A parent that wants this sets
 * {@link #VARIABLE} to its process id in the child's environment; the child checks every second and halts once that
 * process is gone.
 */
public final class ParentWatch {
    public static final String VARIABLE = "VESTIS_PARENT_PID";
    private static final long CHECK_MILLIS = 1000;

    private ParentWatch() {
    }

    /** Starts the watch when {@link #VARIABLE} names a process; does nothing otherwise. */
    public static void startIfAsked() {
        String pid = System.getenv(VARIABLE);
        if (pid == null || !pid.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(3);
        }
        Thread watch = new Thread(() -> {
            while (parent.get().isAlive()) {
                try {
                    Thread.sleep(CHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("vestis: the process that started this run (" + pid + ") has ended; stopping too.");
            Runtime.getRuntime().halt(3); // no shutdown hooks: the parent's rerun owns the outputs now
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
