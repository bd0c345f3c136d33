package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --rules DIR} option that every command shares. */
public final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "${env:STREAMFIX_RULES:-rules}",
            description = "Rules folder: *.drl files and knowledge.yaml (default: $STREAMFIX_RULES, else ./rules; "
                    + "the streamfix launcher points it at the rules/ next to itself).")
    Path folder;

    /** Loads the rules, or throws a RulesException that Main reports with exit code 3. */
    Troubleshooter load() {
        return Troubleshooter.load(folder);
    }
}
