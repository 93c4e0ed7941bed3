package io.vigil.detection.customization;

import java.util.List;
import java.util.Map;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-tenant values of Sigma {@code %placeholders%} (known countries, privileged
 * accounts, important apps, the home tenant). A rule that waited for a value runs from
 * the next sign-in on.
 */
@Service
public class TenantPlaceholders {

	private final PlaceholderRepository repository;

	TenantPlaceholders(PlaceholderRepository repository) {
		this.repository = repository;
	}

	@Transactional(readOnly = true)
	public Map<String, List<String>> values(OrganizationId organization, ManagedTenantId tenant) {
		return repository.values(organization, tenant);
	}

	@Transactional
	public void set(OrganizationId organization, ManagedTenantId tenant, String name, List<String> values) {
		repository.set(organization, tenant, name, List.copyOf(values));
	}

	@Transactional
	public void remove(OrganizationId organization, ManagedTenantId tenant, String name) {
		repository.remove(organization, tenant, name);
	}

}
