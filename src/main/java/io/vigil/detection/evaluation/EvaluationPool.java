package io.vigil.detection.evaluation;

import io.vigil.detection.DetectionSettings;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Component;

/**
 * Where rules are evaluated: a few platform threads of their own, never the
 * virtual-thread carriers that serve requests (two cores, two carriers: two long
 * evaluations there would stop every page). Callers wait without holding a carrier, for
 * at most a budget; an evaluation that passes it is interrupted and reported as
 * {@link TooSlow}. The caller's security context travels along, so row-level security
 * still sees whom the work is for.
 */
@Component
public class EvaluationPool implements AutoCloseable {

	private final ExecutorService live;

	private final ExecutorService hunts;

	EvaluationPool(DetectionSettings settings) {
		int threads = settings.evaluationThreads() > 0 ? settings.evaluationThreads()
				: Runtime.getRuntime().availableProcessors();
		this.live = executor("vigil-evaluation-", threads);
		// retro-hunts and upload previews queue on one thread of their own: however many
		// are asked for, live
		// detection of every organization keeps its threads
		this.hunts = executor("vigil-hunt-", 1);
	}

	private static ExecutorService executor(String name, int threads) {
		var counter = new AtomicInteger();
		ThreadFactory factory = work -> {
			var thread = new Thread(work, name + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return new DelegatingSecurityContextExecutorService(Executors.newFixedThreadPool(threads, factory));
	}

	/** Live detection of ingested pages. */
	<T> T evaluate(Callable<T> work, Duration budget) {
		return run(live, work, budget);
	}

	/** Retro-hunts; the budget includes the time spent waiting for the hunt thread. */
	public <T> T hunt(Callable<T> work, Duration budget) {
		return run(hunts, work, budget);
	}

	private static <T> T run(ExecutorService executor, Callable<T> work, Duration budget) {
		var future = executor.submit(work);
		try {
			return future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new TooSlow(budget);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new TooSlow(budget);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Evaluation loops call this between events, so an interrupted (over-budget)
	 * evaluation stops promptly.
	 */
	static void checkInterrupted(Duration budget) {
		if (Thread.currentThread().isInterrupted()) {
			throw new TooSlow(budget);
		}
	}

	@Override
	public void close() {
		live.shutdownNow();
		hunts.shutdownNow();
	}

	/** An evaluation that took longer than its budget. */
	public static final class TooSlow extends RuntimeException {

		TooSlow(Duration budget) {
			super("rule evaluation took longer than " + budget.toSeconds() + " s and was stopped");
		}

	}

}
