package io.vigil;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application that stops leaves no HTTP client behind: the Graph feeds, the outbox's
 * webhooks, the network lists' refreshes and Entra's sign-in each end their connections
 * and selector thread with it (a test JVM once ended with 150 of them).
 */
class ShutdownTests {

	@Test
	void theApplicationsHttpClientsEndWithIt(@TempDir Path temp) throws Exception {
		try (var runs = new VigilRuns("/simulator/consent.yml", Clock.systemUTC(), temp)) {
			var before = selectorThreads();
			var app = runs.start();
			var started = selectorThreads();
			started.removeAll(before);
			assertThat(started).as("the application's own clients").hasSizeGreaterThanOrEqualTo(4);
			app.close();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started).noneMatch(Thread::isAlive));
		}
	}

	/**
	 * The HTTP clients' selector threads alive now (threads of earlier tests may end
	 * meanwhile).
	 */
	private static Set<Thread> selectorThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.getName().matches("HttpClient-\\d+-SelectorManager"))
			.collect(Collectors.toCollection(HashSet::new));
	}

}
