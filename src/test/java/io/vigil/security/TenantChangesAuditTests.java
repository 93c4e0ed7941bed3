package io.vigil.security;

import java.time.Duration;
import java.util.UUID;

import io.vigil.VigilIntegrationTest;
import io.vigil.shared.ManagedTenantId;
import io.vigil.tenants.ManagedTenantConnected;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant event delivered again (a retried publication) is audited once; another
 * occurrence is audited again.
 */
@VigilIntegrationTest
class TenantChangesAuditTests {

	@Autowired
	TenantChangesAudit listener;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	AuditLog audit;

	@Test
	void aRedeliveredEventIsAuditedOnce() {
		var organization = tenants.createOrganization("Audit MSP " + UUID.randomUUID()).id();
		var event = new ManagedTenantConnected(organization, new ManagedTenantId(UUID.randomUUID()),
				UUID.randomUUID().toString(), "ana@msp.example", UUID.randomUUID());
		// the listener runs asynchronously (as for a publication): the second delivery
		// may race the first
		listener.on(event);
		listener.on(event);
		var another = new ManagedTenantConnected(organization, event.managedTenantId(), event.entraTenantId(),
				"ana@msp.example", UUID.randomUUID());
		listener.on(another);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connected(organization)).hasSize(2));
		listener.on(another);
		listener.on(event);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(connected(organization)).hasSize(2));
	}

	private java.util.List<AuditEntry> connected(io.vigil.shared.OrganizationId organization) {
		return audit.recent(organization, 10).stream().filter(e -> e.action().equals("tenant.connected")).toList();
	}

}
