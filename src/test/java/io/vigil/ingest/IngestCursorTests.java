package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.vigil.graph.SignInEventType;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestCursorTests {

	static final Instant NOW = Instant.parse("2026-11-21T12:00:00.750Z");

	static final Duration OVERLAP = Duration.ofMinutes(15);

	static final Duration HORIZON = Duration.ofHours(2);

	static final Duration DEEP_EVERY = Duration.ofMinutes(15);

	@Test
	void overlapsTheLastWindowAndReachesBackToTheHorizonWhenADeepScanIsDue() {
		var fresh = cursor(NOW.minus(Duration.ofMinutes(1)), null);
		var deep = fresh.openWindow(NOW, OVERLAP, HORIZON, DEEP_EVERY);
		assertThat(deep.windowDeep()).isTrue();
		assertThat(deep.windowFrom()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
		assertThat(deep.windowTo()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));

		var closed = deep.next("https://graph/next").closeWindow();
		assertThat(closed.inWindow()).isFalse();
		assertThat(closed.watermark()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
		assertThat(closed.deepScannedAt()).isEqualTo(closed.watermark());

		var later = NOW.plus(Duration.ofMinutes(5));
		var shallow = closed.openWindow(later, OVERLAP, HORIZON, DEEP_EVERY);
		assertThat(shallow.windowDeep()).isFalse();
		assertThat(shallow.windowFrom()).isEqualTo(Instant.parse("2026-11-21T11:45:00Z"));
	}

	@Test
	void aNewTenantStartsFromItsInitialLookback() {
		var window = cursor(NOW.minus(Duration.ofDays(1)), null).openWindow(NOW, OVERLAP, HORIZON, DEEP_EVERY);
		assertThat(window.windowFrom()).isEqualTo(NOW.minus(Duration.ofDays(1)).minus(OVERLAP));
	}

	@Test
	void eachTypeIsPacedByItsOwnWatermark() {
		var polled = cursor(NOW.minusSeconds(20), NOW.minusSeconds(20));
		assertThat(polled.isDue(NOW, Duration.ofSeconds(60))).isFalse();
		assertThat(polled.isDue(NOW, Duration.ofSeconds(20))).isTrue();
	}

	@Test
	void keepsTheWatermarkWhenAWindowEndsEarlierThanIt() {
		var cursor = new IngestCursor(org(), tenant(), SignInEventType.INTERACTIVE_USER.graphName(), NOW, NOW,
				NOW.minusSeconds(60), NOW.minusSeconds(30), false, null);
		assertThat(cursor.closeWindow().watermark()).isEqualTo(NOW);
	}

	private static IngestCursor cursor(Instant watermark, Instant deepScannedAt) {
		return new IngestCursor(org(), tenant(), SignInEventType.NON_INTERACTIVE_USER.graphName(), watermark,
				deepScannedAt, null, null, false, null);
	}

	private static OrganizationId org() {
		return new OrganizationId(UUID.nameUUIDFromBytes("org".getBytes()));
	}

	private static ManagedTenantId tenant() {
		return new ManagedTenantId(UUID.nameUUIDFromBytes("tenant".getBytes()));
	}

}
