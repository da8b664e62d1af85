package io.tviewstudio.tools.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * pgbench-style throughput: N threads, each with its own connection and its own seeded random
 * generator, run the single-product UPDATE scenario under a variant until the time is up; the
 * latencies of all clients are pooled for the percentiles.
 */
final class ConcurrentLoad {

    private static final Scenario WORKLOAD = Scenario.PRODUCT_UPDATE;

    private ConcurrentLoad() {
    }

    static Throughput run(BenchServer server, String database, Variant variant, ShopSize size, int clients,
                          int durationSeconds, long seed) throws SQLException {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connections.add(server.connect(database));
            }
            List<long[]> latencies = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            AtomicLong failures = new AtomicLong();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            long[] window = new long[2];
            for (int i = 0; i < clients; i++) {
                long[] samples = new long[1 << 16];
                latencies.add(samples);
                counts.add(0);
                int client = i;
                Connection connection = connections.get(i);
                threads.add(Thread.ofPlatform().name("bench-client-" + i).start(() -> {
                    Random random = new Random(seed + 7919L * (client + 1));
                    long[] own = samples;
                    int n = 0;
                    try {
                        start.await();
                        long deadline = window[0] + durationSeconds * 1_000_000_000L;
                        while (System.nanoTime() < deadline) {
                            long begin = System.nanoTime();
                            try {
                                variant.write(connection, WORKLOAD, new Scenario.Step(n, random, size));
                            } catch (SQLException e) {
                                failures.incrementAndGet();
                                continue;
                            }
                            if (n == own.length) {
                                own = Arrays.copyOf(own, own.length * 2);
                            }
                            own[n++] = System.nanoTime() - begin;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    synchronized (latencies) {
                        latencies.set(client, Arrays.copyOf(own, n));
                        counts.set(client, n);
                    }
                }));
            }
            window[0] = System.nanoTime();
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            window[1] = System.nanoTime();
            long total = counts.stream().mapToLong(Integer::longValue).sum();
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
            double seconds = (window[1] - window[0]) / 1e9;
            Statistics.Summary summary = all.length == 0 ? null : Statistics.ofNanos(all);
            return new Throughput(variant.key(), clients, seconds, total, failures.get(), total / seconds,
                    summary == null ? 0 : summary.medianMs(), summary == null ? 0 : summary.p95Ms(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the clients", e);
        } finally {
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // The database is dropped next; a failed close changes nothing.
                }
            }
        }
    }
}
