package io.vigil;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The real time, which a test may move ahead or stop: what a scenario schedules "40
 * seconds after the simulator starts" happens when the test says so, instead of after 40
 * seconds of waiting. Import {@link InContext} to make it the application's clock (the
 * in-process simulator's too).
 */
public final class MovableClock extends Clock {

	private volatile Duration ahead = Duration.ZERO;

	private volatile @Nullable Instant stopped;

	/** Moves the time ahead; a stopped clock stays stopped, at the later instant. */
	public void advance(Duration duration) {
		ahead = ahead.plus(duration);
		var at = stopped;
		if (at != null) {
			stopped = at.plus(duration);
		}
	}

	/** Stops the time where it is, until {@link #resume()}. */
	public void stop() {
		stopped = instant();
	}

	/** Stops the time at {@code instant}. */
	public void stopAt(Instant instant) {
		stopped = instant;
	}

	/**
	 * The time runs again from where it stopped: a scenario's "5 seconds after the start"
	 * stays 5 seconds away however long the clock was stopped.
	 */
	public void resume() {
		var at = stopped;
		if (at != null) {
			ahead = Duration.between(Instant.now(), at);
			stopped = null;
		}
	}

	@Override
	public Instant instant() {
		var at = stopped;
		return at != null ? at : Instant.now().plus(ahead);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	/** The application's clock in a test's context. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class InContext {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

}
