package io.tviewstudio.tools.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes to the demo blog (see {@code demo-schema.sql}) from several clients at once, each on its
 * own connection, at a target rate shared by all clients, with a mix of {@link LoadOperation}s.
 * Rate, clients and mix can be changed while it runs. Every operation is one statement in its own
 * transaction, so the TVIEWs stay consistent whenever it pauses or stops; a failed operation (a
 * deadlock between clients, a dropped connection) is counted, rolled back and the client goes on,
 * reconnecting if needed.
 */
public final class LoadGenerator implements AutoCloseable {

    public enum State { STOPPED, RUNNING, PAUSED }

    /** Opens one client's connection. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    public static final double MAX_RATE = 10_000;
    public static final int MAX_CLIENTS = 64;
    /** How long a client waits before it reconnects after losing its connection. */
    static final long RECONNECT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long QUIESCE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ConnectionSource source;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Worker> workers = new ArrayList<>();
    private final List<Worker> leaving = new ArrayList<>();
    private final Map<LoadOperation, LongAdder> done = new EnumMap<>(LoadOperation.class);
    private final LongAdder errors = new LongAdder();
    private final AtomicLong sequence = new AtomicLong();
    private final SplittableRandom seeds;
    private volatile String lastError;

    private State state = State.STOPPED;
    private double rate;
    private int clients;
    private LoadMix mix;
    private long nextSlot;
    private int inFlight;
    private int workerNumber;

    /**
     * @param rate    operations per second, all clients together (at most {@value #MAX_RATE})
     * @param clients connections writing in parallel (at most {@value #MAX_CLIENTS})
     * @param seed    makes the choice of operations and rows repeatable per client
     */
    public LoadGenerator(ConnectionSource source, double rate, int clients, LoadMix mix, long seed) {
        this.source = Objects.requireNonNull(source);
        this.rate = checkRate(rate);
        this.clients = checkClients(clients);
        this.mix = Objects.requireNonNull(mix);
        this.seeds = new SplittableRandom(seed);
        for (LoadOperation operation : LoadOperation.values()) {
            done.put(operation, new LongAdder());
        }
    }

    private static double checkRate(double rate) {
        if (!(rate > 0 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException("the rate must be more than 0 and at most " + (int) MAX_RATE
                    + " operations per second: " + rate);
        }
        return rate;
    }

    private static int checkClients(int clients) {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("the number of clients must be between 1 and " + MAX_CLIENTS + ": "
                    + clients);
        }
        return clients;
    }

    /** Starts the clients; does nothing when running, resumes when paused. */
    public void start() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                return;
            }
            if (state == State.STOPPED) {
                nextSlot = System.nanoTime();
                while (workers.size() < clients) {
                    startWorker();
                }
            }
            state = State.RUNNING;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Holds every client after its current operation; returns once none is running an operation. */
    public void pause() {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return;
            }
            state = State.PAUSED;
            changed.signalAll();
            awaitQuiet();
        } finally {
            lock.unlock();
        }
    }

    /** Continues after {@link #pause()}. */
    public void resume() {
        lock.lock();
        try {
            if (state == State.PAUSED) {
                state = State.RUNNING;
                nextSlot = System.nanoTime();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets each client finish its current operation, then closes the connections and ends the
     * threads. The counts stay; {@link #start()} starts again.
     */
    public void stop() {
        List<Worker> ending;
        lock.lock();
        try {
            state = State.STOPPED;
            changed.signalAll();
            ending = new ArrayList<>(workers);
            ending.addAll(leaving);
            workers.clear();
            leaving.clear();
        } finally {
            lock.unlock();
        }
        for (Worker worker : ending) {
            worker.join();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Changes the target rate at once, for all clients together. */
    public void setRate(double operationsPerSecond) {
        checkRate(operationsPerSecond);
        lock.lock();
        try {
            rate = operationsPerSecond;
            nextSlot = Math.min(nextSlot, System.nanoTime() + intervalNanos());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Adds clients (new connections) or lets surplus ones finish their operation and leave. */
    public void setClients(int count) {
        checkClients(count);
        lock.lock();
        try {
            clients = count;
            if (state != State.STOPPED) {
                while (workers.size() < clients) {
                    startWorker();
                }
            }
            while (workers.size() > clients) {
                Worker surplus = workers.removeLast();
                surplus.retired = true;
                leaving.add(surplus);
            }
            leaving.removeIf(worker -> !worker.thread.isAlive());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void setMix(LoadMix newMix) {
        Objects.requireNonNull(newMix);
        lock.lock();
        try {
            mix = newMix;
        } finally {
            lock.unlock();
        }
    }

    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    public LoadStats stats() {
        Map<LoadOperation, Long> counts = new EnumMap<>(LoadOperation.class);
        long total = 0;
        for (Map.Entry<LoadOperation, LongAdder> entry : done.entrySet()) {
            long count = entry.getValue().sum();
            counts.put(entry.getKey(), count);
            total += count;
        }
        lock.lock();
        try {
            return new LoadStats(state, rate, clients, total, errors.sum(), counts, lastError);
        } finally {
            lock.unlock();
        }
    }

    private void startWorker() {
        Worker worker = new Worker(++workerNumber, seeds.split());
        workers.add(worker);
        worker.thread.start();
    }

    private long intervalNanos() {
        return (long) (1e9 / rate);
    }

    private void awaitQuiet() {
        long left = QUIESCE_TIMEOUT_NANOS;
        try {
            while (inFlight > 0 && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for this client's turn: the shared schedule hands out one slot per 1/rate seconds to
     * whichever client asks first, so the rate holds whatever the number of clients. A client
     * that was idle does not earn a burst of slots.
     */
    private LoadOperation nextOperation(Worker worker) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (state == State.STOPPED || worker.retired) {
                    return null;
                }
                if (state == State.PAUSED) {
                    changed.await();
                    continue;
                }
                long now = System.nanoTime();
                long slot = Math.max(nextSlot, now);
                if (slot > now) {
                    changed.awaitNanos(slot - now);
                    continue;
                }
                nextSlot = slot + intervalNanos();
                inFlight++;
                return mix.pick(worker.random.nextDouble());
            }
        } finally {
            lock.unlock();
        }
    }

    private void finished() {
        lock.lock();
        try {
            inFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pauseAfterFailure() throws InterruptedException {
        lock.lock();
        try {
            long left = RECONNECT_DELAY_NANOS;
            while (left > 0 && state != State.STOPPED) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private final class Worker implements Runnable {

        private final SplittableRandom random;
        private final Thread thread;
        private volatile boolean retired;
        private Connection connection;
        private LoadStatements statements;

        Worker(int number, SplittableRandom random) {
            this.random = random;
            this.thread = new Thread(this, "demo-load-" + number);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                LoadOperation operation;
                while ((operation = nextOperation(this)) != null) {
                    boolean failed = false;
                    try {
                        execute(operation);
                        done.get(operation).increment();
                    } catch (SQLException | RuntimeException e) {
                        errors.increment();
                        lastError = describe(operation, e);
                        failed = !connectionUsable();
                    } finally {
                        finished();
                    }
                    if (failed) {
                        disconnect();
                        pauseAfterFailure();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                disconnect();
            }
        }

        private void execute(LoadOperation operation) throws SQLException {
            if (connection == null) {
                connection = source.open();
                connection.setAutoCommit(true);
                statements = new LoadStatements(connection);
            }
            statements.run(operation, random, sequence.incrementAndGet());
        }

        private boolean connectionUsable() {
            try {
                return connection != null && connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        private void disconnect() {
            if (statements != null) {
                statements.close();
                statements = null;
            }
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // The connection is dropped anyway; its server session ends with it.
                }
                connection = null;
            }
        }

        void join() {
            try {
                thread.join(TimeUnit.NANOSECONDS.toMillis(QUIESCE_TIMEOUT_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String describe(LoadOperation operation, Exception e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null ? "[" + sql.getSQLState() + "] " : "";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                .orElse("").strip();
        return operation.label() + ": " + state + message;
    }
}
