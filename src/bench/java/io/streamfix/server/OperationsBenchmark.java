package io.streamfix.server;

import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What the operators' features add to one request of {@code serve}, in process, without HTTP: the
 * metrics of a request and its diagnosis, the API token check, and the request log's line. Compared with
 * the 100–150 µs a diagnosis with questions costs, these say whether {@code /metrics} can stay on by
 * default (bench/serve-load.sh measures the same end to end, where a shared machine blurs a few percent).
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OperationsBenchmark {

    @State(Scope.Benchmark)
    public static class Service {
        ServiceMetrics metrics;
        ApiTokens tokens;
        String token;
        Diagnosis diagnosis;
        String version;
        RequestRecord record;

        @Setup
        public void start() throws IOException {
            Troubleshooter rules = Troubleshooter.load(Path.of(System.getProperty("streamfix.rules", "rules")));
            diagnosis = rules.knowledgeBase().diagnoseWithQuestions(rules.read(Path.of("facts/vpn-active-phone.yaml")).symptoms());
            version = rules.knowledgeBase().version();
            metrics = ServiceMetrics.prometheus();
            token = ApiTokens.newToken();
            Path file = Files.createTempFile("tokens", ".txt");
            Files.writeString(file, ApiTokens.line(ApiTokens.newToken(), "old") + "\n" + ApiTokens.line(token, "bench") + "\n");
            tokens = ApiTokens.load(file);
            record = new RequestRecord(Instant.now(), "5f2c9a11-42", "POST", "/v1/diagnose", 200, 1_234_567, version, null, null);
        }

        @TearDown
        public void stop() {
            metrics.close();
        }
    }

    /** The metrics of one diagnosis request: its timer and its diagnosis counters. */
    @Benchmark
    public void metrics(Service service) {
        service.metrics.request(service.record);
        service.metrics.diagnosed(service.diagnosis, service.version);
    }

    /** The Bearer token check (SHA-256 and a constant-time comparison with each of two tokens). */
    @Benchmark
    public boolean token(Service service) {
        return service.tokens.accepts(service.token);
    }

    /** The request log's JSON line (written to nothing here: the write is a syscall of its own). */
    @Benchmark
    public byte[] requestLogLine(Service service) {
        return RequestLog.line(service.record);
    }
}
