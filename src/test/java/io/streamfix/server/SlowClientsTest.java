package io.streamfix.server;

import io.streamfix.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send slowly or not at all (issue 14, defect 3) do not take the service from the others:
 * a body that trickles is cut off by the minimum data rate and the body timeout, headers that never end
 * by the header timeout, and {@code /health} answers at once all the while.
 */
class SlowClientsTest {
    private static StreamfixServer server;

    @BeforeAll
    static void start() {
        LiveRules rules = new LiveRules();
        rules.loaded(Troubleshooter.load(Path.of("rules")));
        server = StreamfixServer.start(rules, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bodiesSentAtOneByteASecondDoNotStopHealthAndAreCutOff() throws Exception {
        AtomicBoolean trickling = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(255);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 255; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                sockets.add(socket);
                clients.submit(() -> trickle(socket, trickling));
            }
            Thread.sleep(3000); // every connection has sent its headers and is trickling its body
            HttpCalls http = new HttpCalls(server.address());
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThat(http.get("/health").status()).isEqualTo(200);
                seconds.add((System.nanoTime() - start) / 1e9);
                Thread.sleep(1000);
            }
            // Before the fix every call timed out: all of Jetty's threads waited for the trickling bodies.
            assertThat(seconds).as("seconds /health took while 255 bodies trickle (a shared machine)")
                    .allMatch(s -> s < 3.0);
            // Past the body timeout, the trickling requests have been answered and closed.
            Thread.sleep(ServiceLimits.DEFAULT.bodyTimeout().toMillis());
            String answer = readAll(sockets.get(0));
            assertThat(answer).startsWith("HTTP/1.1 408");
        } finally {
            trickling.set(false);
            clients.shutdownNow();
            for (Socket socket : sockets) {
                socket.close();
            }
            clients.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void headersThatNeverEndAreAnswered408() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) ServiceLimits.DEFAULT.headerTimeout().toMillis() + 10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            // One header line every 2 s: never idle long enough for the idle timeout.
            AtomicBoolean open = new AtomicBoolean(true);
            Thread dripper = new Thread(() -> {
                for (int i = 0; open.get() && i < 30; i++) {
                    try {
                        out.write(("X-Drip-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(2000);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            dripper.start();
            String answer = readAll(socket);
            open.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(seconds).isLessThan(ServiceLimits.DEFAULT.headerTimeout().toSeconds() + 5.0);
        }
    }

    private static void trickle(Socket socket, AtomicBoolean trickling) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (trickling.get()) {
                out.write(' ');
                out.flush();
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException e) {
            // cut off by the service, or the test is over
        }
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(400), StandardCharsets.US_ASCII);
    }
}
