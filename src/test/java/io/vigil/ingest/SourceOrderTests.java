package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

import io.vigil.graph.ActivitySource;
import io.vigil.graph.SignInEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll reads a tenant's sources the one read longest ago first (none starves), and
 * marks those catching up as a backlog (whose Graph requests leave part of the app's
 * budget free); the next poll comes when the type read longest ago is due.
 */
class SourceOrderTests {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	@Test
	void oldestFirstAndOnlyTheBacklogIsMarked() {
		var watermarks = new LinkedHashMap<Enum<?>, Instant>();
		watermarks.put(SignInEventType.INTERACTIVE_USER, NOW.minusSeconds(70));
		watermarks.put(SignInEventType.NON_INTERACTIVE_USER, Instant.EPOCH);
		watermarks.put(ActivitySource.values()[0], NOW.minus(Duration.ofHours(3)));
		watermarks.put(ActivitySource.values()[1], NOW.minusSeconds(200));

		var order = TenantPoller.oldestFirst(watermarks, kind -> NOW.minus(Duration.ofMinutes(5)));

		assertThat(order).extracting(TenantPoller.Source::kind)
			.containsExactly(SignInEventType.NON_INTERACTIVE_USER, ActivitySource.values()[0],
					ActivitySource.values()[1], SignInEventType.INTERACTIVE_USER);
		assertThat(order).extracting(TenantPoller.Source::backlog).containsExactly(true, true, false, false);
	}

	@Test
	void eachSourceIsBehindAfterItsOwnInterval() {
		var watermarks = new LinkedHashMap<Enum<?>, Instant>();
		watermarks.put(SignInEventType.INTERACTIVE_USER, NOW.minus(Duration.ofMinutes(7)));
		watermarks.put(ActivitySource.values()[0], NOW.minus(Duration.ofMinutes(7)));
		var order = TenantPoller.oldestFirst(watermarks,
				kind -> NOW.minus(kind instanceof ActivitySource ? Duration.ofMinutes(5) : Duration.ofSeconds(70))
					.minus(Duration.ofMinutes(5)));
		assertThat(order).extracting(TenantPoller.Source::kind, TenantPoller.Source::backlog)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ActivitySource.values()[0], false),
					org.assertj.core.groups.Tuple.tuple(SignInEventType.INTERACTIVE_USER, true));
	}

	@Test
	void aNewTenantIsAllBacklog() {
		var watermarks = new LinkedHashMap<Enum<?>, Instant>();
		watermarks.put(SignInEventType.INTERACTIVE_USER, Instant.EPOCH);
		watermarks.put(SignInEventType.NON_INTERACTIVE_USER, Instant.EPOCH);
		assertThat(TenantPoller.oldestFirst(watermarks, kind -> NOW.minus(Duration.ofMinutes(5))))
			.allMatch(TenantPoller.Source::backlog);
	}

	@Test
	void theNextPollComesWhenTheTypeReadLongestAgoIsDueNotAnIntervalAfterThisOne() {
		var minute = Duration.ofMinutes(1);
		var second = Duration.ofSeconds(1);
		// one type read now, the other 50 s ago by a poll that waited for the budget
		assertThat(TenantPoller.nextPoll(NOW, minute, second, List.of(NOW, NOW.minusSeconds(50))))
			.isEqualTo(NOW.plusSeconds(10));
		assertThat(TenantPoller.nextPoll(NOW, minute, second, List.of(NOW, NOW))).isEqualTo(NOW.plus(minute));
		assertThat(TenantPoller.nextPoll(NOW, minute, second, List.of())).isEqualTo(NOW.plus(minute));
		// never sooner than a tick, so a type left behind cannot make the poller spin
		assertThat(TenantPoller.nextPoll(NOW, minute, second, List.of(NOW.minus(Duration.ofHours(1)))))
			.isEqualTo(NOW.plus(second));
	}

}
