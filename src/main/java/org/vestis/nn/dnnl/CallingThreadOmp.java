package org.vestis.nn.dnnl;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The number of OpenMP threads that ND4J and oneDNN use for ops started from the calling thread (OpenMP keeps
 * this setting per thread), restored on {@link #close()}.
 */
public final class CallingThreadOmp implements AutoCloseable {
    private final NativeOps ops = nativeOps();
    private final int previous;

    private CallingThreadOmp(int threads) {
        previous = ops.ompGetMaxThreads();
        if (threads > 0) {
            ops.setOmpNumThreads(threads);
        }
    }

    /** At most {@code threads} OpenMP threads until {@link #close()}; 0 leaves the setting as it is. */
    public static CallingThreadOmp limit(int threads) {
        return new CallingThreadOmp(threads);
    }

    /** ND4J's native ops, after loading the backend (NativeOpsHolder alone fails before Nd4j has started). */
    public static NativeOps nativeOps() {
        Nd4j.getBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }

    @Override
    public void close() {
        ops.setOmpNumThreads(previous);
    }
}
