package io.vigil;

import io.vigil.tenants.ManagedTenants;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Disconnects every tenant a test class left connected once the class is done. Classes
 * share application contexts, and a connected tenant is polled every second: without
 * this, each class would pay for the polling of all the tenants of the classes before it
 * in the same context.
 */
class DisconnectTenantsAfterClass extends AbstractTestExecutionListener {

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
