package io.streamfix.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The rules folder shipped inside the streamfix jar: the project's {@code rules/}, copied as plain DRL
 * and YAML at build time (see the pom), read and compiled at run time like any other folder.
 */
final class BundledRules {
    /** Where the build puts the rules among the classes. */
    static final String RESOURCE = "io/streamfix/rules";

    private BundledRules() {
    }

    /** The bundled folder as a path: a folder of the classes directory, or a folder inside the jar. */
    static Path folder() {
        URL data = BundledRules.class.getClassLoader().getResource(RESOURCE + "/" + Knowledge.FILE_NAME);
        if (data == null) {
            throw new RulesException(List.of(RuleProblem.error(RESOURCE, 0, 0,
                    "no rules are bundled with this build (it should hold " + RESOURCE + "/" + Knowledge.FILE_NAME + ")")));
        }
        try {
            URI uri = data.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri).getParent();
            }
            return jarFileSystem(uri).getPath("/" + RESOURCE);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the bundled rules have an invalid location: " + data, e);
        }
    }

    /** The jar's file system, opened once per process and then shared (the JDK keeps one per jar). */
    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the streamfix jar to read its bundled rules", e);
        }
    }
}
