package io.vigil;

import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.tenants.ManagedTenants;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * What one test class does in a shared application context stays with it. Before the
 * class, the Graph simulator is put back to its scenario (accounts, passwords,
 * authentication methods and inbox rules the user actions of an earlier class changed);
 * after it, every tenant it left connected is disconnected: a connected tenant is polled
 * every second, and each class would otherwise pay for the polling of all the tenants of
 * the classes before it.
 */
class SharedContextIsolation extends AbstractTestExecutionListener {

	@Override
	public void beforeTestClass(TestContext testContext) {
		// a context not started yet has a fresh simulator; starting it here would start
		// it
		// before the class's extensions (output capture) are ready
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext()
				.getBeanProvider(GraphSimulator.class)
				.ifAvailable(SimulatorProbe::reset);
		}
	}

	@Override
	public void afterTestClass(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		var tenants = testContext.getApplicationContext().getBean(ManagedTenants.class);
		for (var organization : tenants.organizations()) {
			tenants.list(organization).forEach(tenant -> tenants.disconnect(organization, tenant.id()));
		}
	}

}
