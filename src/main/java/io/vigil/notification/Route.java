package io.vigil.notification;

import java.util.UUID;

import io.vigil.detection.Severity;
import io.vigil.shared.ManagedTenantId;
import org.jspecify.annotations.Nullable;

/**
 * Who hears of which incidents.
 *
 * @param tenant the tenant it is about; null: every tenant of the organization
 * @param recipient an email address, or {@link #TENANT_ADMINS}
 */
public record Route(UUID id, @Nullable ManagedTenantId tenant, Severity minSeverity, Audience audience,
		String recipient, Delivery delivery) {

	/** The customer admins of the incident's tenant (their Vigil accounts' addresses). */
	public static final String TENANT_ADMINS = "tenant-admins";

	public enum Audience {

		/** The MSP's team: short alerts of every change. */
		MSP,
		/**
		 * A customer: what was seen, what the MSP did, what they must decide, with answer
		 * links.
		 */
		CUSTOMER

	}

	public enum Delivery {

		IMMEDIATE, DIGEST

	}

	public boolean covers(ManagedTenantId incidentTenant, Severity severity) {
		return (tenant == null || tenant.equals(incidentTenant)) && severity.compareTo(minSeverity) >= 0;
	}

}
