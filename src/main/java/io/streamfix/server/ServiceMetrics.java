package io.streamfix.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamfix.ReloadListener;
import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RulesException;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Question;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's metrics (Micrometer), exported at {@code /metrics} in Prometheus' text format:
 *
 * <ul>
 *   <li>{@code http_server_requests_seconds} (histogram): requests by {@code method}, {@code route}, {@code status}</li>
 *   <li>{@code streamfix_diagnoses_total}: diagnoses by {@code status}, {@code next_fix} and {@code rules_version}</li>
 *   <li>{@code streamfix_questions_asked_total}: the question each diagnosis puts first (the one to ask
 *       next), by {@code fact}</li>
 *   <li>{@code streamfix_diagnoses_waiting}: diagnoses waiting for a core now (the queue's depth)</li>
 *   <li>{@code streamfix_rules_reloads_total}: reloads of the rules folder by {@code result} ({@code ok}, {@code failed})</li>
 *   <li>{@code streamfix_rules_info}: 1, with the {@code rules_version} in force as a label</li>
 *   <li>the JVM's basics: {@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*}, {@code process_*}, {@code system_cpu_*}</li>
 * </ul>
 *
 * <p>Every label has few values (routes, statuses, fix ids, fact paths, rule versions), never one per
 * request or per case. Metrics switched off ({@link #off()}) record into Micrometer's no-op registry.
 *
 * <pre>{@code
 * ServiceMetrics metrics = ServiceMetrics.prometheus();
 * metrics.diagnosed(diagnosis, rules.version());
 * String text = metrics.scrape();
 * }</pre>
 */
public final class ServiceMetrics implements ReloadListener, AutoCloseable {
    /** What {@code /metrics} answers with: Prometheus' text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Latency buckets: from a fast diagnosis (under a millisecond) to a request held up by a reload. */
    private static final Duration[] BUCKETS = {
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final JvmGcMetrics gc;
    private final Meter.MeterProvider<Timer> requests;
    private final Meter.MeterProvider<Counter> diagnoses;
    private final Meter.MeterProvider<Counter> questions;
    private final Counter reloadsOk;
    private final Counter reloadsFailed;
    private Supplier<String> rulesVersion = () -> null;
    private Gauge rulesInfo;
    private String rulesInfoVersion;

    private ServiceMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
        requests = Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .serviceLevelObjectives(BUCKETS)
                .withRegistry(registry);
        diagnoses = Counter.builder("streamfix.diagnoses")
                .description("Diagnoses made, by status, next fix and rules version")
                .withRegistry(registry);
        questions = Counter.builder("streamfix.questions.asked")
                .description("The question each diagnosis puts first, the one to ask next, by fact")
                .withRegistry(registry);
        reloadsOk = Counter.builder("streamfix.rules.reloads").tag("result", "ok")
                .description("Reloads of the edited rules folder").register(registry);
        reloadsFailed = Counter.builder("streamfix.rules.reloads").tag("result", "failed")
                .description("Reloads of the edited rules folder").register(registry);
        if (prometheus != null) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            gc = new JvmGcMetrics();
            gc.bindTo(registry);
        } else {
            gc = null;
        }
    }

    /** Metrics kept for Prometheus to scrape. */
    public static ServiceMetrics prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new ServiceMetrics(registry, registry);
    }

    /** No metrics: every call records into a registry that keeps nothing. */
    public static ServiceMetrics off() {
        return new ServiceMetrics(new CompositeMeterRegistry(), null);
    }

    /** Whether there is anything to scrape. */
    public boolean enabled() {
        return prometheus != null;
    }

    /** Shows the rules version in force as {@code streamfix_rules_info}, and their queue's depth. */
    void watch(LiveRules rules, DiagnosisQueue queue) {
        rulesVersion = () -> rules.current().map(t -> t.knowledgeBase().version()).orElse(null);
        Gauge.builder("streamfix.diagnoses.waiting", queue, DiagnosisQueue::waiting)
                .description("Diagnoses waiting for a core now").register(registry);
    }

    /** One request answered. */
    void request(RequestRecord request) {
        requests.withTags("method", request.method(), "route", request.route(), "status", Integer.toString(request.status()))
                .record(request.durationNanos(), TimeUnit.NANOSECONDS);
    }

    /** One diagnosis made with the rules of {@code version}. */
    void diagnosed(Diagnosis diagnosis, String version) {
        String nextFix = diagnosis.nextFix() == null ? "none" : diagnosis.nextFix().id();
        diagnoses.withTags("status", diagnosis.status().name().toLowerCase(Locale.ROOT), "next_fix", nextFix,
                "rules_version", version).increment();
        List<Question> asked = diagnosis.questions();
        if (asked != null && !asked.isEmpty()) {
            questions.withTags("fact", asked.get(0).fact()).increment();
        }
    }

    @Override
    public void reloaded(KnowledgeBase rules) {
        reloadsOk.increment();
    }

    @Override
    public void failed(RulesException error) {
        reloadsFailed.increment();
    }

    /** The metrics in Prometheus' text format. */
    public synchronized String scrape() {
        if (prometheus == null) {
            return "";
        }
        String version = rulesVersion.get();
        if (version != null && !version.equals(rulesInfoVersion)) { // a reload: the label changes
            if (rulesInfo != null) {
                registry.remove(rulesInfo);
            }
            rulesInfo = Gauge.builder("streamfix.rules.info", () -> 1).tag("rules_version", version)
                    .description("The rules in force (1), by version").register(registry);
            rulesInfoVersion = version;
        }
        return prometheus.scrape();
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
