package io.streamfix.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes N symptom files with varied, valid content (a fixed seed: every run writes the same files),
 * the input of the batch benchmark: {@code GenerateSymptoms DIR N}.
 */
public final class GenerateSymptoms {
    private static final List<String> DEVICES = List.of("smart_tv", "streaming_stick", "browser", "game_console", "mobile", "tablet");
    private static final List<String> FIXES = List.of("restart_network", "disable_vpn_proxy", "clear_app_data",
            "change_dns", "update_software", "check_service_status", "try_other_network", "contact_isp");

    private GenerateSymptoms() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Files.createDirectories(folder);
        Random random = new Random(403);
        for (int i = 0; i < count; i++) {
            Files.writeString(folder.resolve(String.format("case-%05d.yaml", i)), symptoms(random, i));
        }
    }

    private static String symptoms(Random random, int ticket) {
        StringBuilder yaml = new StringBuilder("# generated ticket ").append(ticket).append('\n');
        yaml.append("device:\n  type: ").append(DEVICES.get(random.nextInt(DEVICES.size()))).append('\n');
        yaml.append("  model: \"Model ").append(random.nextInt(100)).append("\"\n");
        maybe(yaml, random, "  app_up_to_date");
        maybe(yaml, random, "  system_up_to_date");
        yaml.append("network:\n");
        maybe(yaml, random, "  vpn_active");
        maybe(yaml, random, "  proxy_active");
        maybe(yaml, random, "  smart_dns_active");
        maybe(yaml, random, "  router_vpn");
        if (random.nextBoolean()) {
            yaml.append("  dns: ").append(random.nextBoolean() ? "automatic" : "manual").append('\n');
        }
        if (random.nextBoolean()) {
            yaml.append("  connection: ").append(random.nextBoolean() ? "stable" : "unstable").append('\n');
        }
        yaml.append("  isp: \"Provider ").append(random.nextInt(20)).append("\"\n");
        yaml.append("observations:\n");
        maybe(yaml, random, "  other_devices_affected");
        maybe(yaml, random, "  works_on_other_network");
        maybe(yaml, random, "  netflix_outage");
        int tried = random.nextInt(4);
        if (tried > 0) {
            yaml.append("tried:\n");
            for (int i = 0; i < tried; i++) {
                yaml.append("  - fix: ").append(FIXES.get(random.nextInt(FIXES.size())))
                        .append("\n    result: failed\n");
            }
        }
        return yaml.toString();
    }

    /** Known true, known false, or left out (unknown): a third each. */
    private static void maybe(StringBuilder yaml, Random random, String field) {
        int pick = random.nextInt(3);
        if (pick < 2) {
            yaml.append(field).append(": ").append(pick == 0).append('\n');
        }
    }
}
