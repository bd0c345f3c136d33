package io.streamfix.cases;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitQueueTest {
    private final CommitQueue queue = new CommitQueue(1);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private CommitQueue.Write<String> write(String name) {
        return queue.write(connection -> name, () -> name + " alone");
    }

    /** Waits until {@code count} writes are queued behind the group being committed. */
    private void awaitQueued(int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.queued() < count) {
            assertThat(System.nanoTime()).as("writes queued in time").isLessThan(until);
            Thread.sleep(1);
        }
    }

    @Test
    void aWriteThatComesAloneIsCommittedAtOnceByItsOwnCaller() {
        CommitQueue.Write<String> lone = write("lone");
        assertThat(queue.enter(lone)).containsExactly(lone);
        lone.succeed("kept");
        queue.leave();
        assertThat(lone.outcome()).isEqualTo("kept");

        CommitQueue.Write<String> next = write("next");
        assertThat(queue.enter(next)).as("the queue is free again").containsExactly(next);
    }

    @Test
    void asManyWritesAsTheQueueCommitsAtOnceGoAtOnceAndTheNextWaits() throws Exception {
        CommitQueue two = new CommitQueue(2);
        CommitQueue.Write<String> first = two.write(connection -> "first", () -> "first alone");
        CommitQueue.Write<String> second = two.write(connection -> "second", () -> "second alone");
        CommitQueue.Write<String> third = two.write(connection -> "third", () -> "third alone");
        assertThat(two.enter(first)).containsExactly(first);
        assertThat(two.enter(second)).containsExactly(second);
        Future<List<CommitQueue.Write<?>>> thirdsTurn = threads.submit(() -> two.enter(third));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (two.queued() < 1) {
            assertThat(System.nanoTime()).as("queued in time").isLessThan(until);
            Thread.sleep(1);
        }
        second.succeed("second kept");
        two.leave();
        assertThat(thirdsTurn.get(10, TimeUnit.SECONDS)).containsExactly(third);
        assertThatThrownBy(() -> new CommitQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesThatComeWhileAGroupCommitsAreCommittedTogetherByTheFirstOfThem() throws Exception {
        CommitQueue.Write<String> first = write("first");
        assertThat(queue.enter(first)).containsExactly(first); // being committed from here on
        CommitQueue.Write<String> second = write("second");
        CommitQueue.Write<String> third = write("third");
        Future<List<CommitQueue.Write<?>>> secondsTurn = threads.submit(() -> queue.enter(second));
        awaitQueued(1);
        Future<List<CommitQueue.Write<?>>> thirdsTurn = threads.submit(() -> queue.enter(third));
        awaitQueued(2);
        assertThat(secondsTurn.isDone()).as("waits while the first commits").isFalse();

        first.succeed("first kept");
        queue.leave();

        assertThat(secondsTurn.get(10, TimeUnit.SECONDS)).as("the next group, to the first in it")
                .containsExactly(second, third);
        Thread.sleep(20);
        assertThat(thirdsTurn.isDone()).as("waits for its outcome").isFalse();
        second.succeed("second kept");
        third.fail(new CaseStoreException.Unavailable("the database went away", null));
        queue.leave();

        assertThat(thirdsTurn.get(10, TimeUnit.SECONDS)).as("committed by another").isNull();
        assertThat(first.outcome()).isEqualTo("first kept");
        assertThat(second.outcome()).isEqualTo("second kept");
        assertThatThrownBy(third::outcome).isInstanceOf(CaseStoreException.Unavailable.class)
                .hasMessage("the database went away");
        assertThat(queue.queued()).isZero();
    }
}
