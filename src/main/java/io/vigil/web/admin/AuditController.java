package io.vigil.web.admin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vigil.security.Accounts;
import io.vigil.security.AuditAction;
import io.vigil.security.AuditFilter;
import io.vigil.security.AuditLog;
import io.vigil.security.VigilUser;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.ManagedTenants;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's audit log for its admins: filtered by person, action, tenant and
 * time, a page at a time, with people and tenants by name; the CSV export holds exactly
 * the filtered view.
 */
@Controller
class AuditController {

	static final int PAGE = 100;

	record Line(java.time.Instant at, String actor, String actorName, String action, @Nullable String target,
			@Nullable String targetName, String outcome, @Nullable String sourceIp) {

		/** What the person did, in words; none for a code no longer written. */
		public @Nullable String sentence() {
			return AuditAction.ofCode(action).map(AuditAction::sentence).orElse(null);
		}

	}

	private final AuditLog audit;

	private final Accounts accounts;

	private final ManagedTenants tenants;

	AuditController(AuditLog audit, Accounts accounts, ManagedTenants tenants) {
		this.audit = audit;
		this.accounts = accounts;
		this.tenants = tenants;
	}

	@GetMapping("/admin/audit")
	String page(VigilUser user, @RequestParam(defaultValue = "") String actor,
			@RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String tenant,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(required = false) @Nullable String before, Model model) {
		var filter = filter(actor, action, tenant, from, to);
		var page = audit.search(user.organizationId(), filter, before, PAGE);
		var people = people(user);
		var connected = tenants.list(user.organizationId());
		var tenantNames = tenantNames(connected);
		var targetNames = targetNames(connected);
		model.addAttribute("user", user);
		model.addAttribute("lines",
				page.entries()
					.stream()
					.map(entry -> new Line(entry.at(), entry.actor(),
							people.getOrDefault(entry.actor().toLowerCase(Locale.ROOT), entry.actor()), entry.action(),
							entry.target(),
							entry.target() == null ? null : targetNames.get(entry.target().toLowerCase(Locale.ROOT)),
							entry.outcome(), entry.sourceIp()))
					.toList());
		model.addAttribute("next", page.next());
		model.addAttribute("people", people);
		model.addAttribute("tenants", tenantNames);
		model.addAttribute("filter",
				Map.of("actor", actor, "action", action, "tenant", tenant, "from", from, "to", to));
		return "admin/audit";
	}

	@GetMapping("/admin/audit.csv")
	void csv(VigilUser user, @RequestParam(defaultValue = "") String actor,
			@RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String tenant,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			HttpServletResponse response) throws IOException {
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"vigil-audit-log.csv\"");
		var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		audit.exportCsv(user.organizationId(), filter(actor, action, tenant, from, to), writer);
	}

	/**
	 * Empty fields select everything; a date that does not parse is ignored rather than
	 * refused.
	 */
	static AuditFilter filter(String actor, String action, String tenant, String from, String to) {
		return new AuditFilter(blank(actor), blank(action), blank(tenant), day(from, 0), day(to, 1));
	}

	private Map<String, String> people(VigilUser user) {
		var names = new java.util.TreeMap<String, String>();
		accounts.people(user.organizationId())
			.forEach(person -> names.put(person.user().email().toLowerCase(Locale.ROOT), person.user().displayName()));
		return names;
	}

	/** The tenant filter's choices: Vigil's id of each tenant, and its name. */
	private static Map<String, String> tenantNames(List<ManagedTenant> connected) {
		var names = new HashMap<String, String>();
		connected.forEach(t -> names.put(t.id().value().toString(), t.displayName()));
		return names;
	}

	/**
	 * A tenant named as an entry's target: by Vigil's id, or by its Entra id (what
	 * connecting, consenting and disconnecting record).
	 */
	private static Map<String, String> targetNames(List<ManagedTenant> connected) {
		var names = tenantNames(connected);
		connected.forEach(t -> names.put(t.entraTenantId().toLowerCase(Locale.ROOT), t.displayName()));
		return names;
	}

	private static @Nullable String blank(String value) {
		return value.isBlank() ? null : value.strip();
	}

	private static java.time.@Nullable Instant day(String value, int plusDays) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

}
