package io.tviewstudio.tools.bench;

/**
 * A concurrent run: N clients, each on its own connection, writing as fast as they can for a while.
 *
 * @param writes        committed writes of all clients
 * @param failures      writes that failed (deadlock, serialization failure, ...), not retried
 * @param writesPerSecond committed writes per second of wall time
 * @param shareOfFloor    writesPerSecond / the floor's writesPerSecond in this run (1.0: as fast as no read model)
 */
public record Throughput(String variant, int clients, double seconds, long writes, long failures,
                         double writesPerSecond, double medianMs, double p95Ms, Double shareOfFloor) {
}
