package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.engine.RulesCache;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --rules DIR} option that every command shares, and the compiled-rules cache behind it. */
public final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "${env:STREAMFIX_RULES:-rules}",
            description = "Rules folder: *.drl files and knowledge.yaml (default: $STREAMFIX_RULES, else ./rules; "
                    + "the streamfix launcher points it at the rules/ next to itself).")
    Path folder;

    @Option(names = "--no-cache",
            description = "Compile the rules even if the compiled-rules cache ($STREAMFIX_CACHE, else "
                    + "~/.cache/streamfix) holds them. The cache is keyed by the rules' content, so an "
                    + "edited folder is recompiled anyway; this only measures or rules out the cache.")
    boolean noCache;

    /** Loads the rules, or throws a RulesException that Main reports with exit code 3. */
    Troubleshooter load() {
        return noCache ? Troubleshooter.load(folder) : Troubleshooter.load(folder, new RulesCache(RulesCache.defaultFolder()));
    }
}
