package io.vigil.detection;

import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.vigil.detection.builtin.CloudflareRanges;
import io.vigil.detection.builtin.HostingNetworkList;
import io.vigil.detection.customization.PlaceholderRepository;
import io.vigil.detection.customization.RuleSettings;
import io.vigil.detection.rules.RuleBook;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.sigma.Placeholders;
import io.vigil.detection.sigma.SigmaException;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules that run: built-in, shipped Sigma rules, those of
 * {@code app.detection.rule-directories}, and the organization's enabled uploads, minus
 * the rules switched off for the tenant; compiled once per tenant and set of placeholder
 * values. What a tenant runs is read on every use (small queries), so a change made on
 * another replica applies here too; the rules are recompiled only when something differs.
 */
@Service
public class RuleCatalog {

	private final RuleLibrary library;

	private final PlaceholderRepository placeholders;

	private final RuleSettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Map<ManagedTenantId, CompiledFor> books = new ConcurrentHashMap<>();

	private final Map<OrganizationId, WithUploads> libraries = new ConcurrentHashMap<>();

	/** What a tenant's rule book was compiled from; any difference recompiles it. */
	private record CompiledFor(Map<String, List<String>> placeholders, Map<String, String> disabled, List<UUID> uploads,
			RuleBook book) {
	}

	private record WithUploads(List<UUID> uploads, RuleLibrary library) {
	}

	RuleCatalog(CloudflareRanges cloudflare, HostingNetworkList hosting, DetectionSettings settings,
			PlaceholderRepository placeholders, RuleSettings ruleSettings, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.library = RuleLibrary.defaults(cloudflare::current, hosting::current);
		settings.ruleDirectories().forEach(library::addSigma);
		this.placeholders = placeholders;
		this.settings = ruleSettings;
		this.clock = clock;
	}

	/** Every rule's metadata, built-in first. */
	public List<RuleMetadata> catalogue() {
		return library.catalogue();
	}

	/**
	 * Every rule the organization's tenants can run: the catalogue and its enabled
	 * uploads.
	 */
	@Transactional(readOnly = true)
	public List<RuleMetadata> catalogue(OrganizationId organization) {
		return library(organization).catalogue();
	}

	/**
	 * Each rule's status for the tenant: ready, disabled, unsupported and why, or which
	 * placeholders lack values.
	 */
	@Transactional(readOnly = true)
	public List<RuleStatus> statuses(OrganizationId organization, ManagedTenantId tenant) {
		return ruleBook(organization, tenant).statuses();
	}

	/**
	 * Switches a rule on or off for one tenant; off, it is not evaluated for the tenant's
	 * sign-ins.
	 */
	@Transactional
	public void setEnabled(OrganizationId organization, ManagedTenantId tenant, String ruleId, boolean enabled,
			String by) {
		setEnabled(organization, tenant, ruleId, enabled, by, null);
	}

	/**
	 * Switches a rule on or off in a tenant; switching off needs a reason (at most 500
	 * characters), kept with the setting and shown wherever the rule's status is.
	 * @throws IllegalArgumentException for an unknown rule, or switching off without a
	 * reason when one is required
	 */
	@Transactional
	public void setEnabled(OrganizationId organization, ManagedTenantId tenant, String ruleId, boolean enabled,
			String by, @org.jspecify.annotations.Nullable String reason) {
		if (catalogue(organization).stream().noneMatch(rule -> rule.id().equals(ruleId))) {
			throw new IllegalArgumentException("No rule " + ruleId);
		}
		var why = reason == null || reason.isBlank() ? null : reason.strip();
		if (why != null && why.length() > 500) {
			throw new IllegalArgumentException("Keep the reason under 500 characters");
		}
		settings.setEnabled(organization, tenant, ruleId, enabled, by, enabled ? null : why, clock.instant());
		events.publishEvent(new RuleChanged.Switched(UUID.randomUUID(), organization, tenant, ruleId, enabled,
				enabled ? null : why, by));
	}

	/**
	 * Validates a Sigma rule and keeps it as a draft (not running until
	 * {@link #enableUpload enabled}).
	 * @throws InvalidRule when it cannot be loaded (the line and problem), or its id is
	 * taken
	 */
	@Transactional
	public UploadedRule upload(OrganizationId organization, String yaml, String by) {
		List<RuleMetadata> rules;
		try {
			rules = RuleLibrary.empty().addSigma("uploaded rule", new StringReader(yaml));
		}
		catch (SigmaException ex) {
			throw new InvalidRule(ex.getMessage());
		}
		if (rules.size() != 1) {
			throw new InvalidRule("Upload one rule at a time (found " + rules.size() + ")");
		}
		var rule = rules.getFirst();
		if (!rule.id().matches("[A-Za-z0-9._-]{1,100}")) {
			throw new InvalidRule("The rule's id '" + rule.id() + "' may hold only letters, digits, '.', '_' and '-' "
					+ "(a UUID, as SigmaHQ uses)");
		}
		if (library.catalogue().stream().anyMatch(existing -> existing.id().equals(rule.id()))) {
			throw new InvalidRule("A rule with id " + rule.id() + " exists already: give the upload its own id");
		}
		var id = UUID.randomUUID();
		if (!settings.upload(organization, id, rule.id(), rule.title(), yaml, by, clock.instant())) {
			throw new InvalidRule("A rule with id " + rule.id() + " was uploaded already: discard it first");
		}
		events.publishEvent(new RuleChanged.Uploaded(UUID.randomUUID(), organization, rule.id(), rule.title(), by));
		return settings.uploaded(organization, id).orElseThrow();
	}

	@Transactional(readOnly = true)
	public List<UploadedRule> uploads(OrganizationId organization) {
		return settings.uploaded(organization);
	}

	@Transactional(readOnly = true)
	public java.util.Optional<UploadedRule> upload(OrganizationId organization, UUID id) {
		return settings.uploaded(organization, id);
	}

	/**
	 * Lets an uploaded rule run for the organization's tenants; false when it was running
	 * already.
	 */
	@Transactional
	public boolean enableUpload(OrganizationId organization, UUID id, String by) {
		var rule = settings.uploaded(organization, id);
		if (rule.isEmpty() || !settings.enableUploaded(organization, id, by, clock.instant())) {
			return false;
		}
		events.publishEvent(new RuleChanged.UploadEnabled(UUID.randomUUID(), organization, rule.get().ruleId(),
				rule.get().title(), by));
		return true;
	}

	/**
	 * Discards an uploaded rule (it stops running if it ran); false when there is none.
	 */
	@Transactional
	public boolean discardUpload(OrganizationId organization, UUID id, String by) {
		var rule = settings.uploaded(organization, id);
		if (rule.isEmpty() || !settings.deleteUploaded(organization, id)) {
			return false;
		}
		events.publishEvent(new RuleChanged.UploadDiscarded(UUID.randomUUID(), organization, rule.get().ruleId(),
				rule.get().title(), by));
		return true;
	}

	public RuleBook ruleBook(OrganizationId organization, ManagedTenantId tenant) {
		var values = placeholders.values(organization, tenant);
		var disabled = settings.disabled(organization, tenant);
		var withUploads = withUploads(organization);
		var cached = books.get(tenant);
		if (cached == null || !cached.placeholders().equals(values) || !cached.disabled().equals(disabled)
				|| !cached.uploads().equals(withUploads.uploads())) {
			var book = withoutDisabled(withUploads.library().ruleBook(Placeholders.of(values)), disabled);
			cached = new CompiledFor(values, disabled, withUploads.uploads(), book);
			books.put(tenant, cached);
		}
		return cached.book();
	}

	/**
	 * The organization's rule library (the catalogue and its enabled uploads), for a
	 * retro-hunt.
	 */
	RuleLibrary library(OrganizationId organization) {
		return withUploads(organization).library();
	}

	private WithUploads withUploads(OrganizationId organization) {
		var enabled = settings.uploaded(organization).stream().filter(UploadedRule::enabled).toList();
		var ids = enabled.stream().map(UploadedRule::id).toList();
		if (ids.isEmpty()) {
			return new WithUploads(ids, library);
		}
		return libraries.compute(organization, (key, current) -> {
			if (current != null && current.uploads().equals(ids)) {
				return current;
			}
			var copy = library.copy();
			enabled.forEach(rule -> copy.addSigma("uploaded rule " + rule.ruleId(), new StringReader(rule.yaml())));
			return new WithUploads(ids, copy);
		});
	}

	private static RuleBook withoutDisabled(RuleBook book, java.util.Map<String, String> disabled) {
		if (disabled.isEmpty()) {
			return book;
		}
		var statuses = new ArrayList<RuleStatus>();
		for (var status : book.statuses()) {
			var why = disabled.get(status.metadata().id());
			statuses.add(
					why != null ? new RuleStatus(status.metadata(), RuleStatus.State.DISABLED, why, Set.of()) : status);
		}
		return book.without(disabled.keySet(), statuses);
	}

}
