package io.vigil.response;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.VigilIntegrationTest;
import io.vigil.graph.AuthenticationMethod;
import io.vigil.graph.AuthenticationMethodKind;
import io.vigil.graph.InboxRule;
import io.vigil.graph.simulator.RecordedRequest;
import io.vigil.response.ActionRecord.Status;
import io.vigil.security.AuditEntry;
import io.vigil.security.AuditLog;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Containment through the Graph SDK against the simulator: each action reaches Graph
 * exactly once per idempotency key; roles and tenant scopes are checked in the service;
 * administrators need a second approver; Graph's refusals are recorded as failures with
 * the reason.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class ResponseActionsTests {

	static final String GRANTED = "c0c0c0c0-0000-4000-8000-000000000001";

	static final String PARTLY = "c0c0c0c0-0000-4000-8000-000000000002";

	static final String COMPROMISED = "c0c0c0c0-0000-4000-8000-000000000005";

	@Autowired
	ResponseActions actions;

	@Autowired
	Simulation simulation;

	@Autowired
	AuditLog audit;

	OrganizationId organization;

	ManagedTenantId granted;

	ManagedTenantId partly;

	ManagedTenantId compromised;

	String victim;

	int requestsBefore;

	@BeforeEach
	void connectedTenants() {
		requestsBefore = simulation.simulator().requests().size();
		var msp = simulation.organization("Responding MSP");
		organization = msp.id();
		granted = msp.connect(GRANTED, "Granted");
		partly = msp.connect(PARTLY, "Partly");
		compromised = msp.connect(COMPROMISED, "Compromised");
		victim = SimulatorProbe.ordinaryUser(simulation.simulator(), GRANTED);
	}

	@Test
	void revokeAndBlockReachGraphExactlyOnceEach() {
		var responder = person(Role.RESPONDER, null);
		var revoke = actions
			.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, null, "key-revoke")
			.record();
		var again = actions
			.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, null, "key-revoke")
			.record();
		var block = actions.execute(responder, granted, victim, ResponseAction.BLOCK_SIGN_IN, null, null, "key-block")
			.record();
		actions.execute(responder, granted, victim, ResponseAction.BLOCK_SIGN_IN, null, null, "key-block");

		assertThat(revoke.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(again.id()).isEqualTo(revoke.id());
		assertThat(block.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(calls("POST", "/v1.0/users/" + victim + "/revokeSignInSessions")).isEqualTo(1);
		assertThat(calls("PATCH", "/v1.0/users/" + victim)).isEqualTo(1);
		assertThat(SimulatorProbe.isAccountEnabled(simulation.simulator(), GRANTED, victim)).isFalse();
		assertThat(recent(GRANTED)).filteredOn(r -> r.method().equals("PATCH"))
			.singleElement()
			.satisfies(r -> assertThat(r.body()).contains("\"accountEnabled\":false"));

		actions.execute(responder, granted, victim, ResponseAction.UNBLOCK_SIGN_IN, null, null, "key-unblock");
		assertThat(SimulatorProbe.isAccountEnabled(simulation.simulator(), GRANTED, victim)).isTrue();
		assertThat(audit.recent(organization, 20)).extracting(AuditEntry::action)
			.contains("response.revoke_sessions", "response.block_sign_in", "response.unblock_sign_in");
	}

	@Test
	void theServiceChecksRolesAndTenants() {
		for (var role : Set.of(Role.READ_ONLY, Role.TENANT_ADMIN)) {
			assertThatExceptionOfType(AccessDeniedException.class)
				.isThrownBy(() -> actions.execute(person(role, role == Role.TENANT_ADMIN ? Set.of(granted) : null),
						granted, victim, ResponseAction.BLOCK_SIGN_IN, null, null, UUID.randomUUID().toString()));
		}
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> actions.execute(person(Role.RESPONDER, Set.of(partly)), granted, victim,
					ResponseAction.REVOKE_SESSIONS, null, null, "k"));
		assertThat(calls("POST", "/v1.0/users/" + victim + "/revokeSignInSessions")).isZero();
		assertThat(SimulatorProbe.isAccountEnabled(simulation.simulator(), GRANTED, victim)).isTrue();
	}

	@Test
	void anAdministratorTargetWaitsForASecondPerson() {
		var administrator = SimulatorProbe.administrator(simulation.simulator(), GRANTED);
		var first = person(Role.RESPONDER, null);
		var pending = actions
			.execute(first, granted, administrator, ResponseAction.BLOCK_SIGN_IN, null, null, "key-admin")
			.record();
		assertThat(pending.status()).isEqualTo(Status.AWAITING_APPROVAL);
		assertThat(pending.targetPrivileged()).isTrue();
		assertThat(pending.message()).contains("Global Administrator", "second person");
		assertThat(calls("PATCH", "/v1.0/users/" + administrator)).isZero();

		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> actions.approve(first, pending.id()));
		var second = new VigilUser(UUID.randomUUID(), organization, "second@msp.example", "Second", Role.ORG_ADMIN,
				null, true, false);
		var approved = actions.approve(second, pending.id()).record();
		// the simulated app holds no directory role: Entra refuses to block an
		// administrator, and that shows as failed
		assertThat(approved.status()).isEqualTo(Status.FAILED);
		assertThat(approved.approvedBy()).isEqualTo("second@msp.example");
		assertThat(approved.message()).contains("Authorization_RequestDenied", "Insufficient privileges");
		assertThat(calls("PATCH", "/v1.0/users/" + administrator)).isEqualTo(1);
		assertThat(actions.approve(second, pending.id()).record().status()).isEqualTo(Status.FAILED);
		assertThat(calls("PATCH", "/v1.0/users/" + administrator)).isEqualTo(1);
	}

	@Test
	void aMissingPermissionIsAFailureWithTheReason() {
		var user = SimulatorProbe.ordinaryUser(simulation.simulator(), PARTLY);
		var blocked = actions
			.execute(person(Role.ORG_ADMIN, null), partly, user, ResponseAction.BLOCK_SIGN_IN, null, null, "key-partly")
			.record();
		assertThat(blocked.status()).isEqualTo(Status.FAILED);
		assertThat(blocked.message()).contains("lacks the permission");
		assertThat(SimulatorProbe.isAccountEnabled(simulation.simulator(), PARTLY, user)).isTrue();
		var revoked = actions
			.execute(person(Role.ORG_ADMIN, null), partly, user, ResponseAction.REVOKE_SESSIONS, null, null,
					"key-partly-revoke")
			.record();
		assertThat(revoked.status()).as("revoking is granted in this tenant").isEqualTo(Status.SUCCEEDED);
	}

	@Test
	void aPasswordResetShowsItsOneTimePasswordOnceAndStoresItNowhere() {
		var responder = person(Role.RESPONDER, null);
		var reset = actions.execute(responder, granted, victim, ResponseAction.RESET_PASSWORD, null, null, "key-reset");
		assertThat(reset.record().status()).isEqualTo(Status.SUCCEEDED);
		var password = reset.oneTimePassword().orElseThrow().reveal();
		assertThat(password).hasSize(16).matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*\\d.*");
		assertThat(SimulatorProbe.passwordResets(simulation.simulator(), GRANTED, victim)).isOne();
		assertThat(recent(GRANTED)).filteredOn(r -> r.method().equals("PATCH"))
			.singleElement()
			.satisfies(r -> assertThat(r.body()).contains("\"forceChangePasswordNextSignIn\":true", password));

		var again = actions.execute(responder, granted, victim, ResponseAction.RESET_PASSWORD, null, null, "key-reset");
		assertThat(again.record().id()).isEqualTo(reset.record().id());
		assertThat(again.oneTimePassword()).as("shown once only").isEmpty();
		assertThat(SimulatorProbe.passwordResets(simulation.simulator(), GRANTED, victim)).isOne();
		assertThat(simulation.jdbc()
			.sql("select count(*) from audit_log where detail::text like ? or target like ?")
			.params("%" + password + "%", "%" + password + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(simulation.jdbc()
			.sql("select count(*) from response_action r where r::text like ?")
			.params("%" + password + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(audit.recent(organization, 10)).extracting(AuditEntry::action).contains("response.reset_password");
	}

	@Test
	void anAttackersAuthenticatorIsListedAsAddedSinceTheAttackAndRemovedOnce() {
		var responder = person(Role.RESPONDER, null);
		var attacked = simulation.simulator().user(COMPROMISED, 2);
		var methods = actions.authenticationMethods(responder, compromised, attacked);
		assertThat(methods.failed()).isFalse();
		assertThat(methods.items()).extracting(AuthenticationMethod::kind)
			.contains(AuthenticationMethodKind.PASSWORD, AuthenticationMethodKind.MICROSOFT_AUTHENTICATOR);
		var planted = methods.items()
			.stream()
			.filter(m -> m.description().contains("iPhone 15 Pro"))
			.findFirst()
			.orElseThrow();
		// the attack happened within the simulated hour; the user's own methods were
		// registered months ago
		var since = Instant.now().minus(java.time.Duration.ofHours(2));
		assertThat(planted.addedSince(since)).isTrue();
		assertThat(methods.items()).filteredOn(m -> m.addedSince(since))
			.as("only the attacker's is recent")
			.containsExactly(planted);

		var subject = new ActionSubject(planted.id(), planted.kind().name(), "Microsoft Authenticator: iPhone 15 Pro");
		var removed = actions
			.execute(responder, compromised, attacked, ResponseAction.REMOVE_AUTHENTICATION_METHOD, subject, null,
					"key-remove")
			.record();
		actions.execute(responder, compromised, attacked, ResponseAction.REMOVE_AUTHENTICATION_METHOD, subject, null,
				"key-remove");
		assertThat(removed.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(removed.subject()).isEqualTo(subject);
		assertThat(calls("DELETE",
				"/v1.0/users/" + attacked + "/authentication/microsoftAuthenticatorMethods/" + planted.id()))
			.isOne();
		assertThat(SimulatorProbe.authenticationMethodIds(simulation.simulator(), COMPROMISED, attacked))
			.doesNotContain(planted.id())
			.isNotEmpty();
		assertThat(actions.authenticationMethods(responder, compromised, attacked).items())
			.extracting(AuthenticationMethod::id)
			.doesNotContain(planted.id());
		assertThat(audit.recent(organization, 20)).extracting(AuditEntry::action)
			.contains("response.read-authentication-methods", "response.remove_authentication_method");
	}

	@Test
	void forwardingAndHidingInboxRulesAreMarkedAndDisabled() {
		var responder = person(Role.RESPONDER, null);
		var attacked = simulation.simulator().user(COMPROMISED, 2);
		var rules = actions.inboxRules(responder, compromised, attacked);
		assertThat(rules.items()).extracting(InboxRule::displayName).containsExactly("Newsletters", ".", "Sync");
		var hide = rules.items().get(1);
		var forward = rules.items().get(2);
		assertThat(rules.items().getFirst().warnings()).isEmpty();
		assertThat(hide.conditions()).containsExactly("Subject or body contains: invoice, payment, wire transfer");
		assertThat(hide.warnings()).anyMatch(w -> w.contains("Marks mail as read and moves it"))
			.anyMatch(w -> w.contains("no letters or digits"));
		assertThat(forward.warnings()).containsExactly("Sends mail to archive.sync@mailbox-backup.example");

		var disabled = actions
			.execute(responder, compromised, attacked, ResponseAction.DISABLE_INBOX_RULE,
					new ActionSubject(forward.id(), null, "Inbox rule 'Sync'"), null, "key-rule")
			.record();
		assertThat(disabled.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(SimulatorProbe.enabledInboxRuleIds(simulation.simulator(), COMPROMISED, attacked))
			.doesNotContain(forward.id())
			.contains(hide.id());
		assertThat(recent(COMPROMISED)).filteredOn(r -> r.method().equals("PATCH"))
			.singleElement()
			.satisfies(r -> assertThat(r.body()).contains("\"isEnabled\":false"));
		assertThat(actions.inboxRules(responder, compromised, attacked).items().get(2).enabled()).isFalse();
	}

	@Test
	void withoutThePermissionsReadingAndResettingFailWithTheReason() {
		var admin = person(Role.ORG_ADMIN, null);
		var user = SimulatorProbe.ordinaryUser(simulation.simulator(), PARTLY);
		var methods = actions.authenticationMethods(admin, partly, user);
		assertThat(methods.failed()).isTrue();
		assertThat(methods.failure()).contains("lacks the permission");
		assertThat(actions.inboxRules(admin, partly, user).failure()).contains("Insufficient privileges");
		var reset = actions.execute(admin, partly, user, ResponseAction.RESET_PASSWORD, null, null, "key-partly-reset");
		assertThat(reset.record().status()).isEqualTo(Status.FAILED);
		assertThat(reset.oneTimePassword()).as("a failed reset shows no password").isEmpty();
		assertThat(SimulatorProbe.passwordResets(simulation.simulator(), PARTLY, user)).isZero();
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> actions.inboxRules(person(Role.READ_ONLY, null), granted, victim));
	}

	@Test
	void aThrottledActionFailsInWordsAndATryAgainSucceeds() {
		var responder = person(Role.RESPONDER, null);
		SimulatorProbe.throttleUserRequests(simulation.simulator(), GRANTED, 2, java.time.Duration.ofSeconds(120));
		var throttled = actions
			.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, null, "key-throttled")
			.record();
		assertThat(throttled.status()).isEqualTo(Status.FAILED);
		assertThat(throttled.message()).contains("throttling", "nothing was changed", "Try again after");
		assertThat(recent(GRANTED)).filteredOn(r -> r.status() == 429).hasSize(2);
		var again = actions
			.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, null, "key-try-again")
			.record();
		assertThat(again.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(calls("POST", "/v1.0/users/" + victim + "/revokeSignInSessions")).as("the refused one and the retry")
			.isEqualTo(2);
	}

	@Test
	void checkingAnAccountReadsItsAdministratorRoles() {
		var responder = person(Role.RESPONDER, null);
		var administrator = actions.checkAccount(responder, granted,
				SimulatorProbe.administrator(simulation.simulator(), GRANTED), null);
		assertThat(administrator.items().getFirst().directoryRoles()).containsExactly("Global Administrator");
		assertThat(actions.checkAccount(responder, granted, victim, null).items().getFirst().privileged()).isFalse();
		assertThat(actions.checkAccount(responder, partly, "no-such-user", null).failure()).contains("refused");
		assertThat(audit.recent(organization, 5)).extracting(AuditEntry::action).contains("response.read-account");
	}

	@Test
	void anActionOnAMethodOrRuleNamesIt() {
		var responder = person(Role.RESPONDER, null);
		assertThatIllegalArgumentException().isThrownBy(() -> actions.execute(responder, granted, victim,
				ResponseAction.DISABLE_INBOX_RULE, null, null, "key-nothing"));
		assertThatIllegalArgumentException().isThrownBy(() -> actions.execute(responder, granted, victim,
				ResponseAction.BLOCK_SIGN_IN, new ActionSubject("x", null, "x"), null, "key-something"));
	}

	@Test
	void removingAnAdministratorsMethodWaitsForASecondPerson() {
		var administrator = SimulatorProbe.administrator(simulation.simulator(), GRANTED);
		var first = person(Role.RESPONDER, null);
		var method = actions.authenticationMethods(first, granted, administrator)
			.items()
			.stream()
			.filter(m -> m.kind().removable())
			.findFirst()
			.orElseThrow();
		var pending = actions.execute(first, granted, administrator, ResponseAction.REMOVE_AUTHENTICATION_METHOD,
				new ActionSubject(method.id(), method.kind().name(), method.description()), null, "key-admin-method")
			.record();
		assertThat(pending.status()).isEqualTo(Status.AWAITING_APPROVAL);
		assertThat(recent(GRANTED)).noneMatch(r -> r.method().equals("DELETE"));
	}

	/**
	 * The attack: a second MSP registers the same app id for the same customer tenant
	 * with a secret that is not valid. Its actions must fail with its own credentials,
	 * never run on the first MSP's cached client; and a rotated secret is used from the
	 * next call on.
	 */
	@Test
	void eachOrganizationActsWithItsOwnCredentialsAndRotationTakesEffectAtOnce() {
		var responder = person(Role.RESPONDER, null);
		assertThat(actions
			.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, null, "own-" + UUID.randomUUID())
			.record()
			.status()).isEqualTo(Status.SUCCEEDED);

		var otherOrganization = simulation.tenants().createOrganization("Other MSP " + UUID.randomUUID()).id();
		var otherApp = simulation.tenants()
			.registerGraphApp(otherOrganization, simulation.simulator().clientId(),
					new io.vigil.shared.Secret("not-the-app-secret"));
		var otherTenant = simulation.tenants().connect(otherOrganization, otherApp, GRANTED, "Granted, again").id();
		var intruder = new VigilUser(UUID.randomUUID(), otherOrganization, "intruder@other.example", "Intruder",
				Role.RESPONDER, null, true, false);
		var refused = actions
			.execute(intruder, otherTenant, victim, ResponseAction.REVOKE_SESSIONS, null, null,
					"other-" + UUID.randomUUID())
			.record();
		assertThat(refused.status()).isEqualTo(Status.FAILED);

		// the first MSP rotates its secret to one Entra does not know (a revoked one):
		// refused from the next call on
		var app = simulation.tenants().findGraphApp(organization, simulation.simulator().clientId()).orElseThrow();
		assertThat(simulation.tenants()
			.rotateGraphAppSecret(organization, app, new io.vigil.shared.Secret("revoked-secret"))).isTrue();
		assertThat(actions
			.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, null,
					"rotated-" + UUID.randomUUID())
			.record()
			.status()).isEqualTo(Status.FAILED);
		assertThat(simulation.tenants().rotateGraphAppSecret(organization, app, simulation.simulator().clientSecret()))
			.isTrue();
		assertThat(actions
			.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, null,
					"restored-" + UUID.randomUUID())
			.record()
			.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(simulation.tenants()
			.rotateGraphAppSecret(otherOrganization, app, simulation.simulator().clientSecret())).isFalse();
	}

	private VigilUser person(Role role, Set<ManagedTenantId> scope) {
		return new VigilUser(UUID.randomUUID(), organization, role.name().toLowerCase() + "@msp.example", "Someone",
				role, scope, true, false);
	}

	private java.util.List<RecordedRequest> recent(String tenantId) {
		return simulation.simulator()
			.requests()
			.stream()
			.skip(requestsBefore)
			.filter(r -> tenantId.equalsIgnoreCase(r.tenantId()))
			.toList();
	}

	private long calls(String method, String path) {
		return simulation.simulator()
			.requests()
			.stream()
			.skip(requestsBefore)
			.filter(r -> r.method().equals(method) && r.path().equals(path))
			.map(RecordedRequest::status)
			.count();
	}

}
