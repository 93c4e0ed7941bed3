package io.vigil.detection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vigil.detection.sigma.Placeholders;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.stereotype.Service;

/**
 * The rules that run: built-in, shipped Sigma rules and those of {@code app.detection.rule-directories}, compiled
 * once per tenant and placeholder values. The values are read on every use (one small query), so a change made on
 * another replica applies here too; the rules are recompiled only when they differ.
 */
@Service
public class RuleCatalog {

	private final RuleLibrary library;

	private final PlaceholderRepository placeholders;

	private final Map<ManagedTenantId, CompiledFor> books = new ConcurrentHashMap<>();

	private record CompiledFor(Map<String, List<String>> placeholders, RuleBook book) {
	}

	RuleCatalog(CloudflareRanges cloudflare, DetectionSettings settings, PlaceholderRepository placeholders) {
		this.library = RuleLibrary.defaults(cloudflare::current);
		settings.ruleDirectories().forEach(library::addSigma);
		this.placeholders = placeholders;
	}

	/** Every rule's metadata, built-in first. */
	public List<RuleMetadata> catalogue() {
		return library.catalogue();
	}

	/** Each rule's status for the tenant: ready, unsupported and why, or which placeholders lack values. */
	public List<RuleStatus> statuses(OrganizationId organization, ManagedTenantId tenant) {
		return ruleBook(organization, tenant).statuses();
	}

	RuleBook ruleBook(OrganizationId organization, ManagedTenantId tenant) {
		var values = placeholders.values(organization, tenant);
		var cached = books.get(tenant);
		if (cached == null || !cached.placeholders().equals(values)) {
			cached = new CompiledFor(values, library.ruleBook(Placeholders.of(values)));
			books.put(tenant, cached);
		}
		return cached.book();
	}

	/** The rule library itself, for a retro-hunt over the catalogue. */
	RuleLibrary library() {
		return library;
	}

}
