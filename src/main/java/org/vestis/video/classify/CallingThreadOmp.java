package org.vestis.video.classify;

import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The number of OpenMP threads that ND4J and oneDNN use for ops started from the calling thread (an OpenMP
 * setting of that thread only), restored on {@link #close()}.
 */
public final class CallingThreadOmp implements AutoCloseable {
    private final NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
    private final int previous;

    private CallingThreadOmp(int threads) {
        previous = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(threads);
    }

    public static CallingThreadOmp limit(int threads) {
        return new CallingThreadOmp(threads);
    }

    @Override
    public void close() {
        ops.setOmpNumThreads(previous);
    }
}
