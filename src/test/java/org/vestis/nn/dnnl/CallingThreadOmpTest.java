package org.vestis.nn.dnnl;

import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOps;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CallingThreadOmpTest {
    private final NativeOps ops = CallingThreadOmp.nativeOps();

    @Test
    void limitsOnlyTheCallingThreadAndRestoresTheSetting() throws Exception {
        int before = ops.ompGetMaxThreads();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger afterClose = new AtomicInteger();
        Thread worker = new Thread(() -> {
            try (CallingThreadOmp omp = CallingThreadOmp.limit(1)) {
                inside.set(ops.ompGetMaxThreads());
            }
            afterClose.set(ops.ompGetMaxThreads());
        });
        try (CallingThreadOmp unchanged = CallingThreadOmp.limit(0)) {
            worker.start();
            worker.join();
            assertThat(ops.ompGetMaxThreads()).as("this thread keeps its setting").isEqualTo(before);
        }
        assertThat(inside.get()).isEqualTo(1);
        assertThat(afterClose.get()).isEqualTo(before);
        assertThat(ops.ompGetMaxThreads()).isEqualTo(before);
    }
}
