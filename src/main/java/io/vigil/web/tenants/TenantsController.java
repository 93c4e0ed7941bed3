package io.vigil.web.tenants;

import java.util.Map;
import java.util.UUID;

import io.vigil.graph.GraphPermission;
import io.vigil.security.SecuritySettings;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ConsentOutcome;
import io.vigil.tenants.ManagedTenants;
import io.vigil.tenants.TenantOnboarding;
import io.vigil.security.VigilUser;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Organization admins connect customer tenants: register the MSP's Entra app once, then
 * per tenant the admin-consent link, Entra's answer with what was granted, and
 * disconnecting (optionally deleting the data).
 */
@Controller
class TenantsController {

	static final String CALLBACK = "/admin/tenants/consent";

	private final ManagedTenants tenants;

	private final TenantOnboarding onboarding;

	private final SecuritySettings settings;

	TenantsController(ManagedTenants tenants, TenantOnboarding onboarding, SecuritySettings settings) {
		this.tenants = tenants;
		this.onboarding = onboarding;
		this.settings = settings;
	}

	@GetMapping("/admin/tenants")
	String list(VigilUser user, Model model) {
		model.addAttribute("user", user);
		var connected = tenants.list(user.organizationId());
		var apps = tenants.graphApps(user.organizationId());
		var load = new java.util.LinkedHashMap<UUID, Long>();
		apps.forEach(app -> load.put(app.id(), 0L));
		connected.stream()
			.filter(tenant -> tenant.status() != io.vigil.tenants.TenantStatus.DISCONNECTED)
			.forEach(tenant -> load.merge(tenant.appRegistrationId(), 1L, Long::sum));
		model.addAttribute("tenants", connected);
		model.addAttribute("apps", apps);
		model.addAttribute("appTenants", load);
		// new tenants go to the app registration with the fewest: each has Graph's budget
		// to itself
		model.addAttribute("suggestedApp",
				apps.stream()
					.min(java.util.Comparator.comparing(app -> load.get(app.id())))
					.map(app -> app.id())
					.orElse(null));
		model.addAttribute("permissions", GraphPermission.values());
		return "tenants/list";
	}

	@PostMapping("/admin/tenants/app")
	String registerApp(VigilUser user, @RequestParam String clientId,
			@RequestParam(defaultValue = "") String clientSecret, @RequestParam(defaultValue = "") String certificate,
			Model model) {
		if (!clientId.strip().matches("[0-9a-fA-F-]{36}") || clientSecret.isBlank() == certificate.isBlank()) {
			model.addAttribute("appError", "Give the app's client id (a GUID) and either a client secret or a "
					+ "certificate with its private key (PEM)");
			return list(user, model);
		}
		try {
			if (certificate.isBlank()) {
				tenants.registerGraphApp(user.organizationId(), clientId.strip(), new Secret(clientSecret),
						user.email());
			}
			else {
				tenants.registerGraphAppWithCertificate(user.organizationId(), clientId.strip(),
						new Secret(certificate), user.email());
			}
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("appError", ex.getMessage());
			return list(user, model);
		}
		return "redirect:/admin/tenants";
	}

	@PostMapping("/admin/tenants/connect")
	String connect(VigilUser user, @RequestParam UUID app, @RequestParam String tenant,
			@RequestParam(defaultValue = "") String name, Model model) {
		try {
			var link = onboarding.startConsent(user.organizationId(), app, tenant, name,
					settings.baseUrl().resolve(CALLBACK), user.email());
			return "redirect:" + link;
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("connectError", ex.getMessage());
			return list(user, model);
		}
	}

	/** Where Entra sends the customer's admin back after the consent prompt. */
	@GetMapping(CALLBACK)
	String consent(VigilUser user, @RequestParam(defaultValue = "") String state,
			@RequestParam(name = "admin_consent", required = false) @Nullable String adminConsent,
			@RequestParam(required = false) @Nullable String tenant,
			@RequestParam(required = false) @Nullable String error,
			@RequestParam(name = "error_description", required = false) @Nullable String errorDescription,
			Model model) {
		var outcome = onboarding.completeConsent(user.organizationId(), state, adminConsent, tenant, error,
				errorDescription, user.email());
		model.addAttribute("user", user);
		model.addAttribute("outcome", outcome);
		model.addAttribute("kind", outcome.getClass().getSimpleName());
		model.addAttribute("permissions", GraphPermission.values());
		return "tenants/consent";
	}

	@PostMapping("/admin/tenants/{id}/disconnect")
	String disconnect(VigilUser user, @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean deleteData) {
		var tenant = new ManagedTenantId(id);
		if (tenants.find(user.organizationId(), tenant).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		tenants.disconnect(user.organizationId(), tenant, deleteData, user.email());
		return "redirect:/admin/tenants";
	}

}
