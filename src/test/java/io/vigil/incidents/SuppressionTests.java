package io.vigil.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.vigil.VigilModuleTest;
import io.vigil.detection.ChecklistStep;
import io.vigil.detection.Severity;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.SignInsMatched;
import io.vigil.incidents.Suppression.Scope;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Suppressions: previewed against past incidents, then matches they cover are recorded
 * instead of raising.
 */
@VigilModuleTest
class SuppressionTests {

	private static final AtomicLong SIGN_INS = new AtomicLong(
			Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L) * 100);

	@Autowired
	Suppressions suppressions;

	@Autowired
	Incidents incidents;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	OrganizationId organization = new OrganizationId(UUID.randomUUID());

	ManagedTenantId tenant = new ManagedTenantId(UUID.randomUUID());

	@BeforeEach
	void anOrganization() {
		organization = new OrganizationId(UUID.randomUUID());
		tenant = new ManagedTenantId(UUID.randomUUID());
		jdbc.sql("insert into organization (id, name, created_at) values (?, ?, now())")
			.params(organization.value(), "Suppressing MSP " + organization.value())
			.update();
	}

	@Autowired
	JdbcClient jdbc;

	@Test
	void ourVpnRaisesNothingAgain() {
		publish(match("u1", "104.28.1.2", 13335, "NL"));
		await().atMost(Duration.ofSeconds(10)).until(() -> incidents.recent(organization, tenant, 5).size() == 1);
		var incident = incidents.recent(organization, tenant, 5).getFirst();
		var scope = new Scope(tenant, "RULE-1143", null, null, 13335L, null);
		assertThat(suppressions.preview(organization, scope)).extracting(Incident::id).containsExactly(incident.id());

		var suppression = suppressions.create(organization, scope, "The customer uses CloudFlare WARP", null, false,
				incident.id(), true, admin("ana@msp.example"));
		assertThat(suppression.expiresAt()).isBetween(Instant.now().plus(Duration.ofDays(89)),
				Instant.now().plus(Duration.ofDays(91)));
		assertThat(incidents.find(organization, incident.id()).orElseThrow().status())
			.isEqualTo(IncidentStatus.DISMISSED_BENIGN);

		publish(match("u1", "104.28.1.2", 13335, "NL"));
		publish(match("u2", "104.28.9.9", 13335, "DE"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> suppressions.suppressedCount(organization, suppression.id()) == 2);
		assertThat(incidents.recent(organization, tenant, 5)).hasSize(1);

		publish(match("u1", "203.0.113.5", 64500, "NL"));
		await().atMost(Duration.ofSeconds(10)).until(() -> incidents.recent(organization, tenant, 5).size() == 2);
	}

	@Test
	void anExpiredSuppressionSuppressesNothing() {
		suppressions.create(organization, new Scope(tenant, null, "u1", null, null, null), "old",
				Instant.now().minusSeconds(60), false, null, false, admin("ana@msp.example"));
		publish(match("u1", "198.51.100.1", 64500, "NL"));
		await().atMost(Duration.ofSeconds(10)).until(() -> incidents.recent(organization, tenant, 5).size() == 1);
	}

	@Test
	void noSuppressionWithoutScopeReasonOrValidNetworkAndNoneUnboundedByAccident() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> suppressions.create(organization, new Scope(null, null, null, null, null, null), "x",
					null, false, null, false, admin("a")))
			.withMessageContaining("needs a scope");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> suppressions.create(organization, new Scope(tenant, null, null, null, null, null), " ",
					null, false, null, false, admin("a")))
			.withMessageContaining("why");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> suppressions.create(organization, new Scope(tenant, null, null, "10.0.0.300/8", null, null),
							"x", null, false, null, false, admin("a")))
			.withMessageContaining("not a network");
		var forever = suppressions.create(organization, new Scope(tenant, null, null, "10.1.2.3/8", null, null),
				"office", null, true, null, false, admin("a"));
		assertThat(forever.expiresAt()).isNull();
		assertThat(forever.network()).isEqualTo("10.0.0.0/8");
	}

	/**
	 * A responder limited to one tenant leaves the tenant empty, or asks for forever:
	 * both refused.
	 */
	@Test
	void aSuppressionNeverReachesBeyondItsAuthorsTenants() {
		var other = new ManagedTenantId(UUID.randomUUID());
		var limited = new SuppressionAuthor("limited@msp.example", java.util.Set.of(tenant), false);
		var everywhere = new Scope(null, "RULE-1143", null, null, 13335L, null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> suppressions.create(organization, everywhere, "x", null, false, null, false, limited))
			.withMessageContaining("only in the tenants you look after");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> suppressions.create(organization, new Scope(other, null, "u1", null, null, null), "x",
					null, false, null, false, limited))
			.withMessageContaining("only in the tenants you look after");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> suppressions.create(organization, new Scope(tenant, null, "u1", null, null, null), "x",
					null, true, null, false, limited))
			.withMessageContaining("never expires");
		// a responder of every tenant still may not silence all of them at once
		var responder = new SuppressionAuthor("responder@msp.example", null, false);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> suppressions.create(organization, everywhere, "x", null, false, null, false, responder))
			.withMessageContaining("Only organization admins");
		assertThat(suppressions.list(organization)).noneMatch(s -> s.tenant() == null || !s.tenant().equals(tenant));
		var own = suppressions.create(organization, new Scope(tenant, null, "u9", null, null, null), "travel", null,
				false, null, false, limited);
		assertThat(own.expiresAt()).isNotNull();
		assertThat(suppressions
			.create(organization, everywhere, "WARP everywhere", null, false, null, false, admin("owner@msp.example"))
			.tenant()).isNull();
	}

	private static SuppressionAuthor admin(String name) {
		return new SuppressionAuthor(name, null, true);
	}

	private void publish(SignInMatch match) {
		transactions.executeWithoutResult(
				status -> events.publishEvent(new SignInsMatched(organization, tenant, List.of(match), Instant.now())));
	}

	private static SignInMatch match(String account, String ip, long asn, String country) {
		var id = SIGN_INS.incrementAndGet();
		return new SignInMatch("RULE-1143", "CloudFlare", Severity.HIGH, Duration.ofHours(24),
				List.of(new ChecklistStep("recognised", "Recognised?", List.of(), null, null)), "account=" + account,
				id, "graph-" + id, Instant.now(), account, account + "@contoso.example", account, ip,
				Map.of("ip", Map.of("address", ip, "asn", asn, "country", country)));
	}

}
