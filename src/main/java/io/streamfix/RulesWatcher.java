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
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches a rules folder (and its subfolders) with the JDK's WatchService and asks for a reload once
 * the edits have settled: editors write a file in several steps, and a reload per step would compile
 * half-saved rules.
 *
 * <p>A WatchService watches folders, not paths: a folder deleted and created again (a deploy such as
 * {@code rm -rf rules && cp -r new rules}) or a subfolder made after the start is a folder it has never
 * seen. So the folder's parent is watched too, for the folder's own name, and after every change the
 * folder is walked again and each folder not yet watched is registered.
 */
final class RulesWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

    /** How long the folder must stay quiet before a reload. */
    static final long SETTLE_MILLIS = 250;

    private final Path folder;
    private final WatchService service;
    /** The folders watched, by key; the parent's key stands for the folder's name only. */
    private final Map<WatchKey, Path> watched = new HashMap<>();
    private final WatchKey parentKey;
    private final Thread thread;

    RulesWatcher(Path folder, Runnable reload) {
        this.folder = folder.toAbsolutePath().normalize();
        try {
            this.service = FileSystems.getDefault().newWatchService();
            Path parent = this.folder.getParent();
            this.parentKey = parent == null ? null : parent.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE);
            registerFolders();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + folder, e);
        }
        this.thread = new Thread(() -> run(reload), "streamfix-rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers the folder and each subfolder not yet watched; a folder that is gone is skipped. */
    private void registerFolders() {
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(folder)) {
            folders = walk.filter(Files::isDirectory).toList();
        } catch (IOException | UncheckedIOException e) {
            return; // the folder is being replaced: its parent's events bring the new one
        }
        for (Path dir : folders) {
            try {
                watched.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
            } catch (IOException e) {
                LOG.debug("cannot watch {}", dir, e);
            }
        }
    }

    private void run(Runnable reload) {
        try {
            while (true) {
                if (!drain(service.take())) {
                    continue; // nothing about the rules folder (another entry of its parent)
                }
                // Wait until nothing has changed for a while, then reload once.
                WatchKey next;
                while ((next = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(next);
                }
                registerFolders();
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

    /** @return whether the events concern the rules folder */
    private boolean drain(WatchKey key) {
        boolean relevant = key != parentKey;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (key == parentKey && folder.getFileName().equals(event.context())) {
                relevant = true;
            }
        }
        if (!key.reset()) {
            watched.remove(key); // its folder is gone
        }
        return relevant;
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
