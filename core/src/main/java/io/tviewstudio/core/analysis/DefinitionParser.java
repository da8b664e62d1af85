package io.tviewstudio.core.analysis;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * JSqlParser behind two guards, so that a hostile definition can neither hang the caller nor leave a
 * thread running. JSqlParser parses on a worker thread and gives up after a timeout, but its
 * parenthesised-expression rule backtracks exponentially with depth (100 levels: 0.3 s, 200: over
 * 2 s, 700: minutes); on a timeout it only sets a flag that the parser polls, so its own (non-daemon)
 * worker went on for seconds after the caller had its answer. Here:
 * <ul>
 * <li>definitions with parentheses nested more than {@link #MAX_NESTING} levels are refused before
 * parsing (the analyzer reports TV010), so a parse that starts ends well within the timeout;</li>
 * <li>the parse runs on a daemon thread of our own, which is stopped and waited for before
 * {@link #parse} returns, also after a timeout.</li>
 * </ul>
 */
public final class DefinitionParser {

    /** Deepest parenthesis nesting the analyzer parses; deeper definitions are refused (TV010). */
    public static final int MAX_NESTING = 100;
    static final long TIMEOUT_MILLIS = 10_000;
    /** How long a timed-out parse may take to notice it was interrupted (at MAX_NESTING a whole parse takes well under this). */
    private static final long STOP_MILLIS = 30_000;
    static final String THREAD_NAME = "tviews-definition-parser";

    private DefinitionParser() {
    }

    /** Offset of the first parenthesis nested more than {@link #MAX_NESTING} levels deep, or -1. */
    public static int tooDeepAt(String sql) {
        return SqlScanner.parenthesisDeeperThan(sql, MAX_NESTING);
    }

    /** Parses one statement (dollar quotes must be masked); refuses nesting deeper than {@link #MAX_NESTING}. */
    public static Statement parse(String sql) throws JSQLParserException {
        return parse(sql, TIMEOUT_MILLIS);
    }

    static Statement parse(String sql, long timeoutMillis) throws JSQLParserException {
        if (tooDeepAt(sql) >= 0) {
            throw new JSQLParserException("parentheses nested more than " + MAX_NESTING + " levels deep");
        }
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);  // never keeps a JVM (the CLI) alive
            threads.add(thread);
            return thread;
        });
        try {
            return CCJSqlParserUtil.parse(sql, worker, parser -> parser.withTimeOut(timeoutMillis));
        } finally {
            // After a timeout JSqlParser has set the parser's interrupted flag, which the parse polls; the
            // interrupt stops an idle worker. Joining (not only awaitTermination, which returns before the
            // thread has ended) makes "no parser thread is running" true when this method returns.
            worker.shutdownNow();
            join(threads);
        }
    }

    private static void join(List<Thread> threads) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
