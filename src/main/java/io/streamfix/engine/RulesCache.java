package io.streamfix.engine;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.util.Drools;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * A folder of compiled rule packages, so that a start does not compile unchanged DRL again: compiling
 * is most of the time a cold CLI spends. Each entry is named after a hash of the rules folder's version
 * (its rule and data files, names and content), the Drools version, the Java version and the streamfix build, so an edited folder
 * or a new build simply misses the cache and is compiled afresh: never a stale answer. An entry that
 * cannot be read (corrupt, truncated, from an incompatible build) is compiled afresh too, and a cache
 * folder that cannot be written is only a lost speed-up.
 *
 * <pre>{@code
 * KnowledgeBase rules = KnowledgeBase.load(Path.of("rules"), new RulesCache(RulesCache.defaultFolder()));
 * }</pre>
 */
public final class RulesCache {
    private final Path folder;

    /** @param folder where the compiled packages go; created when first needed */
    public RulesCache(Path folder) {
        this.folder = folder;
    }

    /**
     * {@code $STREAMFIX_CACHE}, else {@code $XDG_CACHE_HOME/streamfix}, else {@code ~/.cache/streamfix}.
     */
    public static Path defaultFolder() {
        String explicit = System.getenv("STREAMFIX_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("streamfix");
    }

    /** The cache folder. */
    public Path folder() {
        return folder;
    }

    /**
     * The compiled rules of a folder at {@code rulesVersion} ({@link KnowledgeBase#versionOf}): from the
     * cache when an entry for exactly that version exists and reads back, else from {@code compile},
     * whose result is then stored.
     */
    KieBase get(String rulesVersion, Supplier<KieBase> compile) {
        Path entry = folder.resolve("rules-" + key(rulesVersion) + ".bin");
        KieBase cached = read(entry);
        if (cached != null) {
            return cached;
        }
        KieBase compiled = compile.get();
        write(entry, compiled);
        return compiled;
    }

    /** The hash that names an entry: what the compiled packages depend on. */
    static String key(String rulesVersion) {
        MessageDigest sha = sha256();
        update(sha, "drools " + Drools.getFullVersion());
        // The rules' consequences are compiled for the running Java: an entry written by a newer one (the
        // launcher may pick one) may hold class files that an older one cannot load.
        update(sha, "java " + Runtime.version());
        update(sha, "streamfix " + buildIdentity());
        update(sha, "rules " + rulesVersion);
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /**
     * The streamfix classes the rules were compiled against: the jar's (or classes folder's) size
     * and modification time, so that a rebuild never reuses packages compiled against old classes.
     */
    private static String buildIdentity() {
        try {
            Path code = Path.of(RulesCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown " + System.nanoTime(); // no identity: never share an entry
        }
    }

    private static KieBase read(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(entry));
             ObjectInputStream objects = new DroolsObjectInputStream(in, RulesCache.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            Collection<KiePackage> packages = (Collection<KiePackage>) objects.readObject();
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
            kieBase.addPackages(packages);
            return kieBase;
        } catch (Exception | LinkageError e) {
            // Corrupt or incompatible: compiling again gives the right answer, only slower.
            return null;
        }
    }

    private void write(Path entry, KieBase kieBase) {
        Path partial = null;
        try {
            Files.createDirectories(folder);
            partial = Files.createTempFile(folder, "rules-", ".partial");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial));
                 ObjectOutputStream objects = new DroolsObjectOutputStream(out)) {
                objects.writeObject(new ArrayList<>(kieBase.getKiePackages()));
            }
            // Readers see a whole entry or none, even when two starts store the same one at once.
            try {
                Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Exception e) {
            // A cache that cannot be written only costs speed.
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
