package org.vestis.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a command that writes outputs. The JVM runs shutdown hooks and then halts, without waiting for the main
 * thread: a hook that only asked the work to stop let the process die before the outputs were finalised (temporary
 * names left, no summary). This hook stops the running work and then holds the exit until the command says its outputs
 * are final ({@link #close()}), for at most {@code maxWaitSeconds}.
 */
final class GracefulInterrupt implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "ctrl-c");
    private final long maxWaitSeconds;
    private volatile Runnable stopWork;
    private volatile boolean requested;

    GracefulInterrupt(long maxWaitSeconds) {
        this.maxWaitSeconds = maxWaitSeconds;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Ctrl-C will now call {@code stop} (null: nothing running); if it came already, {@code stop} runs at once. */
    void whileRunning(Runnable stop) {
        stopWork = stop;
        if (requested && stop != null) {
            stop.run();
        }
    }

    /** Whether Ctrl-C (or another termination signal) arrived: start no further work. */
    boolean requested() {
        return requested;
    }

    private void onSignal() {
        requested = true;
        Runnable stop = stopWork;
        if (stop != null) {
            stop.run();
        }
        try {
            finished.await(maxWaitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The outputs are final: a pending exit may go on; without a signal, the hook is removed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting because of the signal; the hook is returning now
        }
    }
}
