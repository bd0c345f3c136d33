package io.streamfix.server;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The request log: one JSON object a line per request, written whole (lines of concurrent requests never
 * mix), e.g.
 *
 * <pre>{@code
 * {"time":"2026-12-02T03:04:05.123Z","request_id":"5f2c9a-000042","method":"POST","route":"/v1/diagnose",
 *  "status":200,"duration_ms":1.412,"rules_version":"ff7b24…","case_id":null}
 * }</pre>
 *
 * <pre>{@code
 * RequestLog log = RequestLog.to(System.err);
 * log.write(record);
 * }</pre>
 */
public final class RequestLog {
    private static final JsonFactory JSON = new JsonFactory();

    /** A log that writes nothing. */
    public static final RequestLog OFF = new RequestLog(null);

    private final OutputStream out;

    private RequestLog(OutputStream out) {
        this.out = out;
    }

    /** A log to the process's standard error, the default of {@code serve}. */
    public static RequestLog toStandardError() {
        return new RequestLog(new FileOutputStream(FileDescriptor.err));
    }

    /** A log appended to a file, created when missing. */
    public static RequestLog toFile(Path file) {
        try {
            return new RequestLog(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the request log to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A log to any stream (tests, embedders). */
    public static RequestLog to(OutputStream out) {
        return new RequestLog(out);
    }

    /** Whether this log writes anything. */
    public boolean enabled() {
        return out != null;
    }

    /** Writes the record as one line; a log that cannot be written never fails the request. */
    public void write(RequestRecord record) {
        if (out == null) {
            return;
        }
        byte[] line = line(record);
        synchronized (this) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                // stderr closed or the disk full: the request was answered all the same
            }
        }
    }

    static byte[] line(RequestRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("time", record.time().toString());
            json.writeStringField("request_id", record.requestId());
            json.writeStringField("method", record.method());
            json.writeStringField("route", record.route());
            json.writeNumberField("status", record.status());
            json.writeNumberField("duration_ms", record.durationMillis());
            json.writeStringField("rules_version", record.rulesVersion());
            json.writeStringField("case_id", record.caseId());
            if (record.symptoms() != null) {
                json.writeStringField("symptoms", record.symptoms());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }
}
