package io.streamfix.simulation;

import io.streamfix.Troubleshooter;
import io.streamfix.engine.Knowledge;

import java.nio.file.Path;
import java.util.List;

/** The project's rules and shipped populations, loaded once for the simulation tests. */
final class Shipped {
    static final Troubleshooter TROUBLESHOOTER = Troubleshooter.load(Path.of("rules"));
    static final Knowledge KNOWLEDGE = TROUBLESHOOTER.knowledgeBase().knowledge();
    static final List<Path> POPULATIONS = List.of(Path.of("populations/vpn-heavy.yaml"),
            Path.of("populations/isp-dns-heavy.yaml"), Path.of("populations/device-heavy.yaml"));

    private Shipped() {
    }

    static Population population(String name) {
        return PopulationReader.read(Path.of("populations", name + ".yaml"), KNOWLEDGE);
    }
}
