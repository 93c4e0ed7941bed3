package io.vigil.detection;

import java.util.Map;
import java.util.UUID;

import io.vigil.VigilIntegrationTest;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Rules switched off per tenant are not evaluated there (and only there); an uploaded
 * rule is validated, runs only once enabled, and only for its organization.
 */
@VigilIntegrationTest
class RuleSwitchTests {

	static final String UPLOAD = """
			title: Sign-ins of the test domain from 198.51.100.0/24
			id: 0f1e2d3c-0000-4000-8000-00000000beef
			status: test
			logsource:
			  product: azure
			  service: signinlogs
			detection:
			  selection:
			    userPrincipalName|endswith: '@switch.example'
			    ipAddress|cidr: 198.51.100.0/24
			  condition: selection
			level: medium
			""";

	@Autowired
	RuleCatalog catalog;

	@Autowired
	ManagedTenants tenants;

	OrganizationId organization;

	ManagedTenantId tenant;

	ManagedTenantId otherTenant;

	@BeforeEach
	void twoTenants() {
		organization = tenants.createOrganization("Switch MSP " + UUID.randomUUID()).id();
		var app = tenants.registerGraphApp(organization, "client", new Secret("secret"));
		tenant = tenants.connect(organization, app, UUID.randomUUID().toString(), "One").id();
		otherTenant = tenants.connect(organization, app, UUID.randomUUID().toString(), "Two").id();
	}

	@Test
	void aRuleSwitchedOffForOneTenantIsNotEvaluatedThere() {
		var cloudflare = event("someone@switch.example", "104.16.1.2");
		assertThat(matchedRules(tenant, cloudflare)).contains("RULE-1143");

		catalog.setEnabled(organization, tenant, "RULE-1143", false, "ana@msp.example");
		assertThat(matchedRules(tenant, cloudflare)).doesNotContain("RULE-1143");
		assertThat(matchedRules(otherTenant, cloudflare)).contains("RULE-1143");
		assertThat(status(tenant, "RULE-1143").state()).isEqualTo(RuleStatus.State.DISABLED);

		catalog.setEnabled(organization, tenant, "RULE-1143", true, "ana@msp.example");
		assertThat(matchedRules(tenant, cloudflare)).contains("RULE-1143");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> catalog.setEnabled(organization, tenant, "no-such-rule", false, "ana@msp.example"));
	}

	@Test
	void anUploadedRuleRunsOnlyOnceEnabledAndOnlyForItsOrganization() {
		var event = event("someone@switch.example", "198.51.100.7");
		var uploaded = catalog.upload(organization, UPLOAD, "ana@msp.example");
		assertThat(uploaded.enabled()).isFalse();
		assertThat(uploaded.ruleId()).isEqualTo("0f1e2d3c-0000-4000-8000-00000000beef");
		assertThat(matchedRules(tenant, event)).doesNotContain(uploaded.ruleId());

		assertThat(catalog.enableUpload(organization, uploaded.id(), "ben@msp.example")).isTrue();
		assertThat(catalog.enableUpload(organization, uploaded.id(), "ben@msp.example")).isFalse();
		assertThat(matchedRules(tenant, event)).contains(uploaded.ruleId());
		assertThat(catalog.catalogue(organization)).extracting(RuleMetadata::id).contains(uploaded.ruleId());
		assertThat(matchedRules(tenant, event("someone@switch.example", "203.0.113.9")))
			.doesNotContain(uploaded.ruleId());

		var elsewhere = tenants.createOrganization("Elsewhere " + UUID.randomUUID()).id();
		var app = tenants.registerGraphApp(elsewhere, "client", new Secret("secret"));
		var theirs = tenants.connect(elsewhere, app, UUID.randomUUID().toString(), "Theirs").id();
		assertThat(catalog.ruleBook(elsewhere, theirs).evaluate(event)).extracting(m -> m.metadata().id())
			.doesNotContain(uploaded.ruleId());

		assertThatExceptionOfType(InvalidRule.class)
			.isThrownBy(() -> catalog.upload(organization, UPLOAD, "ana@msp.example"))
			.withMessageContaining("uploaded already");
		assertThat(catalog.discardUpload(organization, uploaded.id(), "ana@msp.example")).isTrue();
		assertThat(matchedRules(tenant, event)).doesNotContain(uploaded.ruleId());
	}

	@Test
	void aBrokenUploadNamesTheLine() {
		var broken = UPLOAD.replace("ipAddress|cidr", "ipAddress|frobnicate");
		assertThatExceptionOfType(InvalidRule.class).isThrownBy(() -> catalog.upload(organization, broken, "ana"))
			.withMessageStartingWith("uploaded rule:")
			.withMessageContaining("frobnicate");
		assertThatExceptionOfType(InvalidRule.class)
			.isThrownBy(
					() -> catalog.upload(organization,
							UPLOAD.replace("0f1e2d3c-0000-4000-8000-00000000beef",
									"ea1a07f0-3dac-47a2-aeb4-86f5379ba2b4"),
							"ana"))
			.withMessageContaining("exists already");
		assertThatExceptionOfType(InvalidRule.class)
			.isThrownBy(() -> catalog.upload(organization,
					UPLOAD.replace("0f1e2d3c-0000-4000-8000-00000000beef", "a/b"), "ana"))
			.withMessageContaining("may hold only letters");
		assertThat(catalog.uploads(organization)).isEmpty();
	}

	private java.util.List<String> matchedRules(ManagedTenantId which, SignInEvent event) {
		return catalog.ruleBook(organization, which).evaluate(event).stream().map(m -> m.metadata().id()).toList();
	}

	private RuleStatus status(ManagedTenantId which, String rule) {
		return catalog.statuses(organization, which)
			.stream()
			.filter(s -> s.metadata().id().equals(rule))
			.findFirst()
			.orElseThrow();
	}

	private static SignInEvent event(String upn, String ip) {
		return new SignInEvent(Map.of("id", UUID.randomUUID().toString(), "userPrincipalName", upn, "ipAddress", ip,
				"status", Map.of("errorCode", 0)));
	}

}
