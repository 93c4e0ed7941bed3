package io.vigil.detection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vigil.ingest.StoredActivity;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which activity counts as what an attacker holding the account did next: what the
 * account itself did, or Identity Protection flagged; never what an admin or an app
 * (Vigil's containment among them) did to it.
 */
class AccountActivityTests {

	private static final String ACCOUNT = "victim";

	private final AccountActivities activities = new AccountActivities(null, null);

	@Test
	void theAccountRegisteringAMethodOrConsentingCounts() {
		assertThat(classify(audit("User registered security info", ACCOUNT, "{}")).postCompromise()).isTrue();
		assertThat(classify(audit("Consent to application", ACCOUNT, "{}")).kind())
			.isEqualTo(ActivityKind.CONSENT_GRANTED);
		assertThat(classify(audit("Consent to application", ACCOUNT, "{}")).postCompromise()).isTrue();
	}

	@Test
	void anAdminOrAppActingOnTheAccountDoesNotCount() {
		var reset = classify(audit("Reset user password", null, "{}"));
		assertThat(reset.kind()).isEqualTo(ActivityKind.PASSWORD_CHANGED);
		assertThat(reset.byAccount()).isFalse();
		assertThat(reset.postCompromise()).isFalse();
		assertThat(classify(audit("Add member to role", "admin", "{}")).postCompromise()).isFalse();
	}

	@Test
	void everydayActivityDoesNotCountEvenByTheAccount() {
		assertThat(classify(audit("Update user", ACCOUNT, "{}")).postCompromise()).isFalse();
		assertThat(classify(audit("Some activity Entra adds next year", ACCOUNT, "{}")).kind())
			.isEqualTo(ActivityKind.OTHER);
	}

	@Test
	void riskDetectionsCountWhoeverActed() {
		var detection = new StoredActivity(1, org(), tenant(), StoredActivity.RISK_DETECTION, "r", Instant.EPOCH,
				"attackerinTheMiddle", "signin", "high", ACCOUNT, null, null, null, List.of(ACCOUNT),
				"{\"riskState\":\"atRisk\",\"detectionTimingType\":\"offline\"}");
		var activity = classify(detection);
		assertThat(activity.postCompromise()).isTrue();
		assertThat(activity.summary())
			.isEqualTo("Identity Protection: attackerinTheMiddle (high risk, atRisk, offline)");
	}

	@Test
	void summariesAreBoundedAndSurviveABrokenRecord() {
		var huge = "{\"resultReason\":\"" + "x".repeat(10_000) + "\"}";
		assertThat(classify(audit("Update user", ACCOUNT, huge)).summary()).hasSizeLessThanOrEqualTo(300);
		assertThat(classify(audit("Update user", ACCOUNT, "not json")).summary()).isEqualTo("Update user");
	}

	private AccountActivity classify(StoredActivity record) {
		return activities.classify(record, ACCOUNT);
	}

	private static StoredActivity audit(String activity, String actor, String record) {
		return new StoredActivity(1, org(), tenant(), StoredActivity.DIRECTORY_AUDIT, "a", Instant.EPOCH, activity,
				"UserManagement", "success", actor, null, actor == null ? "Vigil" : null, null, List.of(ACCOUNT),
				record);
	}

	private static OrganizationId org() {
		return new OrganizationId(UUID.nameUUIDFromBytes("org".getBytes()));
	}

	private static ManagedTenantId tenant() {
		return new ManagedTenantId(UUID.nameUUIDFromBytes("tenant".getBytes()));
	}

}
