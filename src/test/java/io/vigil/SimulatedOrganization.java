package io.vigil;

import java.util.UUID;

import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;

/**
 * The start of most integration tests: an MSP's organization whose app registration is
 * the Graph simulator's, ready to connect the simulator's tenants.
 *
 * @param id the organization
 * @param app its app registration (the simulator's client id and secret)
 */
public record SimulatedOrganization(ManagedTenants tenants, OrganizationId id, UUID app) {

	public static SimulatedOrganization create(ManagedTenants tenants, GraphSimulator simulator, String name) {
		var organization = tenants.createOrganization(name).id();
		return new SimulatedOrganization(tenants, organization,
				tenants.registerGraphApp(organization, simulator.clientId(), simulator.clientSecret()));
	}

	/** Connects one of the simulator's tenants; polling starts at once. */
	public ManagedTenantId connect(String entraTenantId, String displayName) {
		return tenants.connect(id, app, entraTenantId, displayName).id();
	}

}
