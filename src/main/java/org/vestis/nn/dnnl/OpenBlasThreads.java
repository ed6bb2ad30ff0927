package org.vestis.nn.dnnl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenBLAS (ND4J's matrix products) keeps its idle threads spinning for 2^28 cycles, about 0.1 s, after every
 * product unless OPENBLAS_THREAD_TIMEOUT says otherwise; on 2 cores they take the CPU from the OpenMP threads
 * of the convolutions that follow, and training ran at half speed (seed-cnn 630 against 1,400-1,640 img/s).
 * OpenBLAS reads the variable once, when it loads, so it must be in the environment the JVM starts with: the
 * vestis launcher, the benchmarks, the tests and the ablation's training processes set it.
 */
public final class OpenBlasThreads {
    public static final String TIMEOUT_VARIABLE = "OPENBLAS_THREAD_TIMEOUT";
    /** The smallest value OpenBLAS accepts: 2^4 cycles of spinning, then sleep. */
    public static final String TIMEOUT = "4";
    private static final Logger LOG = LoggerFactory.getLogger(OpenBlasThreads.class);
    private static volatile boolean warned;

    private OpenBlasThreads() {
    }

    /** Warns once when the JVM was started without the variable (not through the vestis launcher). */
    static void warnIfSpinning() {
        if (!warned && System.getenv(TIMEOUT_VARIABLE) == null) {
            warned = true;
            LOG.warn("{} is not set, so OpenBLAS's idle threads spin and slow the convolutions down (about 2x in training); "
                    + "start Java with {}={} in its environment, as the vestis launcher does.", TIMEOUT_VARIABLE, TIMEOUT_VARIABLE, TIMEOUT);
        }
    }
}
