package io.vigil.ingest;

import java.time.Clock;

import io.vigil.tenants.ManagedTenantConnected;
import io.vigil.tenants.ManagedTenantDisconnected;
import io.vigil.tenants.ManagedTenantMoved;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Starts polling a tenant when it is connected and stops when it is disconnected
 * (deleting its sign-ins when asked). Idempotent under redelivery.
 */
@Component
class TenantTracking {

	private final IngestStateRepository state;

	private final Clock clock;

	TenantTracking(IngestStateRepository state, Clock clock) {
		this.state = state;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ManagedTenantConnected event) {
		state.track(event.organizationId(), event.managedTenantId(), clock.instant());
	}

	/**
	 * Polls a tenant at once with the registration it moved to, whatever the old one's
	 * failures or refusals had scheduled.
	 */
	@ApplicationModuleListener
	void on(ManagedTenantMoved event) {
		state.pollNow(event.managedTenantId(), clock.instant());
	}

	@ApplicationModuleListener
	void on(ManagedTenantDisconnected event) {
		state.untrack(event.organizationId(), event.managedTenantId());
		if (event.deleteData()) {
			state.deleteSignIns(event.organizationId(), event.managedTenantId());
		}
	}

}
