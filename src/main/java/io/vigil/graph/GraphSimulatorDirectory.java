package io.vigil.graph;

import java.util.List;

import io.vigil.shared.Secret;

/**
 * What the in-process Graph simulator serves, so demo mode can connect its tenants.
 * Present only when {@code app.graph.mode=simulator}.
 */
public interface GraphSimulatorDirectory {

	/** The app registration the simulator's token endpoint accepts. */
	String clientId();

	Secret clientSecret();

	List<SimulatedTenant> tenants();

	/** A tenant the simulator serves. */
	record SimulatedTenant(String entraTenantId, String displayName) {
	}

}
