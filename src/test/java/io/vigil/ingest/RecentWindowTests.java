package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The window of recently stored sign-ins: first in, first out, by weight and age. */
class RecentWindowTests {

	private static final Instant NOW = Instant.parse("2026-12-01T05:00:00Z");

	private final RecentWindow<String> window = new RecentWindow<>(1_000, Duration.ofMinutes(10),
			value -> value.length());

	@Test
	void theNewestPageIsKeptEvenWhenOlderOnesWereReadMoreOften() {
		for (int page = 0; page < 10; page++) {
			window.add(page(page * 10, 10, 10), NOW);
			for (int reader = 0; reader < 3; reader++) {
				assertThat(window.getAll(ids(page * 10, 10))).as("page %d, listener %d", page, reader).hasSize(10);
			}
		}
		assertThat(window.getAll(ids(0, 100))).as("the ten pages weigh exactly the bound").hasSize(100);

		window.add(page(100, 10, 10), NOW);

		assertThat(window.getAll(ids(100, 10))).as("the newest page").hasSize(10);
		assertThat(window.getAll(ids(0, 10))).as("the oldest page made room").isEmpty();
		assertThat(window.getAll(ids(10, 90))).hasSize(90);
	}

	@Test
	void pagesOlderThanTheAgeLeaveWhenTheNextPageArrives() {
		window.add(page(0, 2, 1), NOW);
		window.add(page(2, 2, 1), NOW.plus(Duration.ofMinutes(5)));
		window.add(page(4, 2, 1), NOW.plus(Duration.ofMinutes(11)));

		assertThat(window.getAll(ids(0, 6)).keySet()).containsExactlyInAnyOrder(2L, 3L, 4L, 5L);
	}

	@Test
	void aPageHeavierThanTheWholeBoundIsNotKeptAtTheCostOfTheBound() {
		window.add(page(0, 5, 10), NOW);
		window.add(page(5, 2, 600), NOW);

		assertThat(window.getAll(ids(0, 7))).as("1,200 of 1,000: nothing kept").isEmpty();
		window.add(page(7, 1, 10), NOW);
		assertThat(window.getAll(ids(0, 8)).keySet()).containsExactly(7L);
	}

	private static Map<Long, String> page(long first, int count, int weight) {
		var page = new LinkedHashMap<Long, String>();
		for (long id = first; id < first + count; id++) {
			page.put(id, "x".repeat(weight));
		}
		return page;
	}

	private static List<Long> ids(long first, int count) {
		return LongStream.range(first, first + count).boxed().toList();
	}

}
