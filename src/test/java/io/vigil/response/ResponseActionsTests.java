package io.vigil.response;

import java.util.Set;
import java.util.UUID;

import io.vigil.VigilIntegrationTest;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.RecordedRequest;
import io.vigil.response.ActionRecord.Status;
import io.vigil.security.AuditEntry;
import io.vigil.security.AuditLog;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Containment through the Graph SDK against the simulator: each action reaches Graph exactly once per idempotency
 * key; roles and tenant scopes are checked in the service; administrators need a second approver; Graph's refusals
 * are recorded as failures with the reason.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class ResponseActionsTests {

	static final String GRANTED = "c0c0c0c0-0000-4000-8000-000000000001";

	static final String PARTLY = "c0c0c0c0-0000-4000-8000-000000000002";

	@Autowired
	ResponseActions actions;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	GraphSimulator simulator;

	@Autowired
	AuditLog audit;

	OrganizationId organization;

	ManagedTenantId granted;

	ManagedTenantId partly;

	String victim;

	int requestsBefore;

	@BeforeEach
	void connectedTenants() {
		requestsBefore = simulator.requests().size();
		organization = tenants.createOrganization("Responding MSP " + UUID.randomUUID()).id();
		var app = tenants.registerGraphApp(organization, simulator.clientId(), simulator.clientSecret());
		granted = tenants.connect(organization, app, GRANTED, "Granted").id();
		partly = tenants.connect(organization, app, PARTLY, "Partly").id();
		victim = simulator.users(GRANTED).keySet().stream().filter(id -> !id.equals(simulator.administrator(GRANTED)))
			.findFirst().orElseThrow();
	}

	@Test
	void revokeAndBlockReachGraphExactlyOnceEach() {
		var responder = person(Role.RESPONDER, null);
		var revoke = actions.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, "key-revoke");
		var again = actions.execute(responder, granted, victim, ResponseAction.REVOKE_SESSIONS, null, "key-revoke");
		var block = actions.execute(responder, granted, victim, ResponseAction.BLOCK_SIGN_IN, null, "key-block");
		actions.execute(responder, granted, victim, ResponseAction.BLOCK_SIGN_IN, null, "key-block");

		assertThat(revoke.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(again.id()).isEqualTo(revoke.id());
		assertThat(block.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(calls("POST", "/v1.0/users/" + victim + "/revokeSignInSessions")).isEqualTo(1);
		assertThat(calls("PATCH", "/v1.0/users/" + victim)).isEqualTo(1);
		assertThat(simulator.isAccountEnabled(GRANTED, victim)).isFalse();
		assertThat(simulator.requests(GRANTED)).filteredOn(r -> r.method().equals("PATCH"))
			.singleElement().satisfies(r -> assertThat(r.body()).contains("\"accountEnabled\":false"));

		actions.execute(responder, granted, victim, ResponseAction.UNBLOCK_SIGN_IN, null, "key-unblock");
		assertThat(simulator.isAccountEnabled(GRANTED, victim)).isTrue();
		assertThat(audit.recent(organization, 20)).extracting(AuditEntry::action)
			.contains("response.revoke_sessions", "response.block_sign_in", "response.unblock_sign_in");
	}

	@Test
	void theServiceChecksRolesAndTenants() {
		for (var role : Set.of(Role.READ_ONLY, Role.TENANT_ADMIN)) {
			assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> actions.execute(
					person(role, role == Role.TENANT_ADMIN ? Set.of(granted) : null), granted, victim,
					ResponseAction.BLOCK_SIGN_IN, null, UUID.randomUUID().toString()));
		}
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> actions.execute(
				person(Role.RESPONDER, Set.of(partly)), granted, victim, ResponseAction.REVOKE_SESSIONS, null, "k"));
		assertThat(calls("POST", "/v1.0/users/" + victim + "/revokeSignInSessions")).isZero();
		assertThat(simulator.isAccountEnabled(GRANTED, victim)).isTrue();
	}

	@Test
	void anAdministratorTargetWaitsForASecondPerson() {
		var administrator = simulator.administrator(GRANTED);
		var first = person(Role.RESPONDER, null);
		var pending = actions.execute(first, granted, administrator, ResponseAction.BLOCK_SIGN_IN, null, "key-admin");
		assertThat(pending.status()).isEqualTo(Status.AWAITING_APPROVAL);
		assertThat(pending.targetPrivileged()).isTrue();
		assertThat(pending.message()).contains("Global Administrator", "second person");
		assertThat(calls("PATCH", "/v1.0/users/" + administrator)).isZero();

		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> actions.approve(first, pending.id()));
		var second = new VigilUser(UUID.randomUUID(), organization, "second@msp.example", "Second", Role.ORG_ADMIN, null,
				true, false);
		var approved = actions.approve(second, pending.id());
		// the simulated app holds no directory role: Entra refuses to block an administrator, and that shows as failed
		assertThat(approved.status()).isEqualTo(Status.FAILED);
		assertThat(approved.approvedBy()).isEqualTo("second@msp.example");
		assertThat(approved.message()).contains("Authorization_RequestDenied", "Insufficient privileges");
		assertThat(calls("PATCH", "/v1.0/users/" + administrator)).isEqualTo(1);
		assertThat(actions.approve(second, pending.id()).status()).isEqualTo(Status.FAILED);
		assertThat(calls("PATCH", "/v1.0/users/" + administrator)).isEqualTo(1);
	}

	@Test
	void aMissingPermissionIsAFailureWithTheReason() {
		var user = simulator.users(PARTLY).keySet().stream().filter(id -> !id.equals(simulator.administrator(PARTLY)))
			.findFirst().orElseThrow();
		var blocked = actions.execute(person(Role.ORG_ADMIN, null), partly, user, ResponseAction.BLOCK_SIGN_IN, null,
				"key-partly");
		assertThat(blocked.status()).isEqualTo(Status.FAILED);
		assertThat(blocked.message()).contains("lacks the permission");
		assertThat(simulator.isAccountEnabled(PARTLY, user)).isTrue();
		var revoked = actions.execute(person(Role.ORG_ADMIN, null), partly, user, ResponseAction.REVOKE_SESSIONS, null,
				"key-partly-revoke");
		assertThat(revoked.status()).as("revoking is granted in this tenant").isEqualTo(Status.SUCCEEDED);
	}

	private VigilUser person(Role role, Set<ManagedTenantId> scope) {
		return new VigilUser(UUID.randomUUID(), organization, role.name().toLowerCase() + "@msp.example", "Someone",
				role, scope, true, false);
	}

	private long calls(String method, String path) {
		return simulator.requests().stream()
			.skip(requestsBefore)
			.filter(r -> r.method().equals(method) && r.path().equals(path))
			.map(RecordedRequest::status)
			.count();
	}

}
