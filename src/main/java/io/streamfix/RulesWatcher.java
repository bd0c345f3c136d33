package io.streamfix;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches a rules folder (and its subfolders) with the JDK's WatchService and asks for a reload once
 * the edits have settled: editors write a file in several steps, and a reload per step would compile
 * half-saved rules.
 */
final class RulesWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

    /** How long the folder must stay quiet before a reload. */
    static final long SETTLE_MILLIS = 250;

    private final WatchService service;
    private final Thread thread;

    RulesWatcher(Path folder, Runnable reload) {
        try {
            this.service = FileSystems.getDefault().newWatchService();
            try (Stream<Path> folders = Files.walk(folder)) {
                for (Path dir : folders.filter(Files::isDirectory).toList()) {
                    dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + folder, e);
        }
        this.thread = new Thread(() -> run(reload), "streamfix-rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Runnable reload) {
        try {
            while (true) {
                WatchKey first = service.take();
                drain(first);
                // Wait until nothing has changed for a while, then reload once.
                WatchKey next;
                while ((next = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(next);
                }
                try {
                    reload.run();
                } catch (RuntimeException e) {
                    LOG.error("reloading the rules failed unexpectedly", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        }
        thread.interrupt();
    }
}
