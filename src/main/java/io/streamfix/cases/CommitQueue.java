package io.streamfix.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Group commit: the writes that arrive while as many as {@code atOnce} groups are being committed wait,
 * and are then committed together, in one transaction, by the first of them. Under load most of what a
 * write costs the database is its commit (a WAL flush, synced on PostgreSQL), so one commit for the
 * waiting writes instead of one each leaves more of the machine to the requests. A write that comes
 * while fewer are being committed is committed at once, alone: without load nothing waits.
 *
 * <p>Each write's caller blocks until its outcome is known: its result once the group's transaction is
 * committed, or its own failure. Whoever commits a group says what became of each write
 * ({@link Write#succeed}, {@link Write#fail}).
 *
 * <pre>{@code
 * CommitQueue.Write<Boolean> mine = queue.write(work, () -> commitAlone(work));
 * List<CommitQueue.Write<?>> group = queue.enter(mine);   // blocks while another group commits
 * if (group != null) {                                    // this caller commits the group
 *     try { commitTogether(group); } finally { queue.leave(); }
 * }
 * return mine.outcome();
 * }</pre>
 */
final class CommitQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final int atOnce;
    private List<Write<?>> waiting = new ArrayList<>();
    private int committing;

    /** @param atOnce how many groups (or lone writes) may be committed at the same time */
    CommitQueue(int atOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one commit at a time, not " + atOnce);
        }
        this.atOnce = atOnce;
    }

    /**
     * A write for this queue: {@code work} runs in a group's transaction; {@code alone} commits it by
     * itself, when it comes alone or its group could not be committed together.
     */
    <T> Write<T> write(JdbcCaseStore.Work<T> work, Supplier<T> alone) {
        return new Write<>(work, alone, this);
    }

    /** One write waiting for its commit, and then its outcome. */
    static final class Write<T> {
        final JdbcCaseStore.Work<T> work;
        final Supplier<T> alone;
        private final CommitQueue queue;
        private final Condition woken;
        private List<Write<?>> group;
        private boolean done;
        private Object result;
        private RuntimeException failure;

        private Write(JdbcCaseStore.Work<T> work, Supplier<T> alone, CommitQueue queue) {
            this.work = work;
            this.alone = alone;
            this.queue = queue;
            this.woken = queue.lock.newCondition();
        }

        /** The write is kept, with this result (of its {@link #work}). */
        void succeed(Object value) {
            finish(value, null);
        }

        /** The write is not kept (or not known to be), for this reason. */
        void fail(RuntimeException reason) {
            finish(null, reason);
        }

        /**
         * Fails the write unless its outcome is known: for the committer that broke off (an Error), so
         * that no caller waits for good.
         */
        void failUnlessDone(RuntimeException reason) {
            queue.lock.lock();
            try {
                if (!done) {
                    finish(null, reason);
                }
            } finally {
                queue.lock.unlock();
            }
        }

        private void finish(Object value, RuntimeException reason) {
            queue.lock.lock();
            try {
                result = value;
                failure = reason;
                done = true;
                woken.signal();
            } finally {
                queue.lock.unlock();
            }
        }

        /** The result, or the failure thrown; once the write is done. */
        @SuppressWarnings("unchecked")
        T outcome() {
            queue.lock.lock();
            try {
                if (failure != null) {
                    throw failure;
                }
                return (T) result;
            } finally {
                queue.lock.unlock();
            }
        }
    }

    /**
     * Queues {@code write} and waits: returns the group this caller is to commit (its own write first),
     * or {@code null} once another caller committed the write (or failed it).
     */
    List<Write<?>> enter(Write<?> write) {
        lock.lock();
        try {
            if (committing < atOnce) {
                committing++;
                return List.of(write);
            }
            waiting.add(write);
            while (!write.done && write.group == null) {
                write.woken.awaitUninterruptibly(); // a queued write is committed by someone: wait for it
            }
            return write.done ? null : write.group;
        } finally {
            lock.unlock();
        }
    }

    /** How many writes wait behind the group being committed. */
    int queued() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** After committing a group: the writes that queued meanwhile go, as the next group, to the first of them. */
    void leave() {
        lock.lock();
        try {
            if (waiting.isEmpty()) {
                committing--;
                return;
            }
            List<Write<?>> next = waiting;
            waiting = new ArrayList<>();
            Write<?> first = next.get(0);
            first.group = next;
            first.woken.signal();
        } finally {
            lock.unlock();
        }
    }
}
