package io.streamfix.server;

import io.streamfix.engine.RuleFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service's line of diagnoses: one per core at most, first come first served, failures passed on. */
class DiagnosisQueueTest {

    @Test
    void noMoreRunAtOnceThanThereAreCores() throws Exception {
        try (DiagnosisQueue queue = new DiagnosisQueue(2)) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<Thread> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(started(() -> queue.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(30);
                    running.decrementAndGet();
                    return null;
                })));
            }
            for (Thread request : requests) {
                request.join();
            }
            assertThat(most).hasValue(2);
        }
    }

    @Test
    @Timeout(10)
    void requestsAreServedInTheOrderTheyArrive() throws Exception {
        try (DiagnosisQueue queue = new DiagnosisQueue(1)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread first = started(() -> queue.run(() -> {
                busy.countDown();
                await(release);
                return null;
            }));
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
            List<Integer> served = new CopyOnWriteArrayList<>();
            List<Thread> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int arrival = i;
                waiting.add(started(() -> queue.run(() -> {
                    served.add(arrival);
                    return null;
                })));
                while (queue.waiting() < arrival + 1) { // each request arrives after the one before is in line
                    Thread.onSpinWait();
                }
            }
            release.countDown();
            first.join();
            for (Thread request : waiting) {
                request.join();
            }
            assertThat(served).containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Test
    void whatADiagnosisThrowsIsThrownToTheRequest() {
        try (DiagnosisQueue queue = new DiagnosisQueue(1)) {
            RuleFault fault = new RuleFault("A rule", "rule \"A rule\" failed", null);
            assertThatThrownBy(() -> queue.run(() -> {
                throw fault;
            })).isSameAs(fault);
        }
    }

    @Test
    void aClosedQueueTakesNoMore() {
        DiagnosisQueue queue = new DiagnosisQueue(1);
        queue.close();
        assertThatThrownBy(() -> queue.run(() -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping");
    }

    private static Thread started(Runnable request) {
        Thread thread = new Thread(request);
        thread.start();
        return thread;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
