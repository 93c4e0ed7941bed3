package io.vigil;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.vigil.detection.SignInMatch;
import io.vigil.detection.SignInsMatched;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.incidents.Incident;
import io.vigil.ingest.IngestHealth;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An MSP's organization whose app registration is the Graph simulator's, ready to connect
 * the simulator's tenants (made by {@link Simulation#organization}).
 *
 * @param simulation the application and simulator it lives in
 * @param id the organization
 * @param app its app registration (the simulator's client id and secret)
 */
public record SimulatedOrganization(Simulation simulation, OrganizationId id, UUID app) {

	/** Connects one of the simulator's tenants; polling starts at once. */
	public ManagedTenantId connect(String entraTenantId, String displayName) {
		return simulation.tenants().connect(id, app, entraTenantId, displayName).id();
	}

	/** Connects every tenant of the simulator's scenario, by Entra tenant id. */
	public Map<String, ManagedTenant> connectAll() {
		return simulation.simulator()
			.tenants()
			.stream()
			.map(t -> simulation.tenants().connect(id, app, t.entraTenantId(), t.displayName()))
			.collect(Collectors.toMap(ManagedTenant::entraTenantId, Function.identity()));
	}

	/** Connects a tenant and waits until {@link #awaitIngested} holds. */
	public ManagedTenantId connectIngested(String entraTenantId, String displayName) {
		var tenant = connect(entraTenantId, displayName);
		awaitIngested(tenant, entraTenantId);
		return tenant;
	}

	/**
	 * Waits until every sign-in the simulator lists now for the tenant is stored and a
	 * poll of it has completed.
	 */
	public void awaitIngested(ManagedTenantId tenant, String entraTenantId) {
		var expected = SimulatorProbe.visibleSignInIds(simulation.simulator(), entraTenantId).size();
		await().atMost(Simulation.PATIENCE).untilAsserted(() -> {
			assertThat(simulation.signIns().count(id, tenant)).isEqualTo(expected);
			assertThat(simulation.signIns().health(id, tenant).map(IngestHealth::lastSuccessAt)).isPresent();
		});
	}

	/** Waits for the tenant's first incident that the test is after. */
	public Incident awaitIncident(ManagedTenantId tenant, Predicate<Incident> wanted) {
		await().atMost(Simulation.PATIENCE).until(() -> recent(tenant).stream().anyMatch(wanted));
		return recent(tenant).stream().filter(wanted).findFirst().orElseThrow();
	}

	/** Waits for the tenant's first incident of a rule. */
	public Incident awaitIncident(ManagedTenantId tenant, String ruleId) {
		return awaitIncident(tenant, incident -> incident.ruleId().equals(ruleId));
	}

	/** A person of this organization, signed in with both factors, in a role. */
	public Object signIn(Role role) {
		return TestSignIn.as(simulation.jdbc(), id, role);
	}

	/** A person of this organization who sees only some of its tenants. */
	public Object signIn(Role role, ManagedTenantId... scope) {
		return TestSignIn.as(simulation.jdbc(), id, role, Set.of(scope));
	}

	/**
	 * The rules matched these sign-ins of the tenant, as the detection module reports.
	 */
	public void matched(ManagedTenantId tenant, SignInMatch... matches) {
		simulation.publish(new SignInsMatched(id, tenant, List.of(matches), Instant.now()));
	}

	public void disconnect(ManagedTenantId tenant) {
		simulation.tenants().disconnect(id, tenant);
	}

	private List<Incident> recent(ManagedTenantId tenant) {
		return simulation.incidents().recent(id, tenant, 100);
	}

}
