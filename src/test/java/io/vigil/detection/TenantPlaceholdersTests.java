package io.vigil.detection;

import java.util.List;
import java.util.UUID;

import io.vigil.VigilJdbcTest;
import io.vigil.detection.builtin.CloudflareRanges;
import io.vigil.detection.builtin.HostingNetworkList;
import io.vigil.detection.customization.PlaceholderRepository;
import io.vigil.detection.customization.RuleSettings;
import io.vigil.detection.customization.TenantPlaceholders;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placeholder values per tenant: a rule waits for them, then runs for that tenant only.
 * The rule catalogue and its repositories on their own, on the real schema.
 */
@VigilJdbcTest
@Import({ RuleCatalog.class, TenantPlaceholders.class, PlaceholderRepository.class, RuleSettings.class,
		CloudflareRanges.class, HostingNetworkList.class })
@EnableConfigurationProperties(DetectionSettings.class)
@TestPropertySource(properties = "app.detection.rule-directories=src/test/resources/rules-with-placeholders")
class TenantPlaceholdersTests {

	static final String RULE = "6d0c0f0e-0000-4000-8000-0000000000aa";

	@Autowired
	RuleCatalog catalog;

	@Autowired
	TenantPlaceholders placeholders;

	private final OrganizationId organization = new OrganizationId(UUID.randomUUID());

	private final ManagedTenantId tenant = new ManagedTenantId(UUID.randomUUID());

	private final ManagedTenantId otherTenant = new ManagedTenantId(UUID.randomUUID());

	@Test
	void aRuleWaitsForItsPlaceholdersPerTenant() {
		assertThat(status(tenant).state()).isEqualTo(RuleStatus.State.NEEDS_PLACEHOLDERS);
		assertThat(status(tenant).missingPlaceholders()).containsExactly("KnownCountries");

		placeholders.set(organization, tenant, "KnownCountries", List.of("NL", "BE"));
		assertThat(status(tenant).state()).isEqualTo(RuleStatus.State.READY);
		assertThat(status(otherTenant).state()).isEqualTo(RuleStatus.State.NEEDS_PLACEHOLDERS);
		assertThat(placeholders.values(organization, tenant)).containsEntry("KnownCountries", List.of("NL", "BE"));
		assertThat(placeholders.values(new OrganizationId(UUID.randomUUID()), tenant)).isEmpty();

		var book = catalog.ruleBook(organization, tenant);
		var rule = book.rules().stream().filter(r -> r.metadata().id().equals(RULE)).findFirst().orElseThrow();
		assertThat(rule.matches(event("RU"))).isTrue();
		assertThat(rule.matches(event("be"))).isFalse();

		placeholders.set(organization, tenant, "KnownCountries", List.of("RU"));
		var changed = catalog.ruleBook(organization, tenant)
			.rules()
			.stream()
			.filter(r -> r.metadata().id().equals(RULE))
			.findFirst()
			.orElseThrow();
		assertThat(changed.matches(event("RU"))).isFalse();

		placeholders.remove(organization, tenant, "KnownCountries");
		assertThat(status(tenant).state()).isEqualTo(RuleStatus.State.NEEDS_PLACEHOLDERS);
	}

	@Test
	void theCatalogueListsShippedAndConfiguredRules() {
		assertThat(catalog.catalogue()).extracting(RuleMetadata::id).contains("RULE-1143", RULE);
	}

	private RuleStatus status(ManagedTenantId which) {
		return catalog.statuses(organization, which)
			.stream()
			.filter(s -> s.metadata().id().equals(RULE))
			.findFirst()
			.orElseThrow();
	}

	private static SignInEvent event(String country) {
		return new SignInEvent(java.util.Map.of("status", java.util.Map.of("errorCode", 0), "location",
				java.util.Map.of("countryOrRegion", country)));
	}

}
