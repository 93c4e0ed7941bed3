package io.vigil.web.home;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.vigil.ingest.IngestHealth;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.TenantStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tenants the dashboard asks to look at, and in what words. */
class TenantProblemsTests {

	static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	@Test
	void aStatusInWordsFailuresAndLagAreProblemsAFreshPollIsNot() {
		assertThat(DashboardController.problem(tenant(TenantStatus.UNLICENSED), null, NOW))
			.isEqualTo("no Entra ID P1/P2 licence (the Tenants page has the fix)");
		assertThat(DashboardController.problem(tenant(TenantStatus.CONNECTED),
				new IngestHealth(NOW.minusSeconds(60), NOW.minusSeconds(60), NOW, 3, "Graph answered 503"), NOW))
			.isEqualTo("3 failed polls: Graph answered 503");
		assertThat(DashboardController.problem(tenant(TenantStatus.CONNECTED),
				new IngestHealth(NOW.minus(Duration.ofMinutes(40)), NOW, NOW, 0, null), NOW))
			.isEqualTo("last successful poll 40 min ago");
		assertThat(DashboardController.problem(tenant(TenantStatus.CONNECTED),
				new IngestHealth(NOW.minusSeconds(30), NOW.minusSeconds(30), NOW, 0, null), NOW))
			.isNull();
	}

	private static ManagedTenant tenant(TenantStatus status) {
		return new ManagedTenant(new ManagedTenantId(UUID.randomUUID()), new OrganizationId(UUID.randomUUID()),
				UUID.randomUUID().toString(), "Contoso", UUID.randomUUID(), status, "Graph's own words", NOW);
	}

}
