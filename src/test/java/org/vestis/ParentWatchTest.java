package org.vestis;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A child JVM started with VESTIS_PARENT_PID ends soon after that process ends (no orphaned training runs). */
class ParentWatchTest {
    /** The child: watches its "parent", then would sleep for a minute. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            ParentWatch.startIfAsked();
            Thread.sleep(60_000);
        }
    }

    @Test
    void theChildHaltsOnceItsParentIsGone() throws Exception {
        Process parent = new ProcessBuilder("sleep", "2").start();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Sleeper.class.getName()).redirectErrorStream(true);
        builder.environment().put(ParentWatch.VARIABLE, Long.toString(parent.pid()));
        Process child = builder.start();
        try {
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.waitFor(15, TimeUnit.SECONDS)).as("the child ended within 15 s of its parent").isTrue();
            assertThat(child.exitValue()).isEqualTo(3);
            assertThat(new String(child.getInputStream().readAllBytes())).contains("has ended; stopping too");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void withoutTheVariableNothingIsWatched() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Sleeper.class.getName()).start();
        try {
            assertThat(child.waitFor(4, TimeUnit.SECONDS)).as("still sleeping").isFalse();
        } finally {
            child.destroyForcibly();
        }
    }
}
