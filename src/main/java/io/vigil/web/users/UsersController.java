package io.vigil.web.users;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.vigil.security.AccountException;
import io.vigil.security.Accounts;
import io.vigil.security.VigilUser;
import io.vigil.security.Role;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Organization admins manage who may sign in, their roles and the tenants they see. */
@Controller
class UsersController {

	private final Accounts accounts;

	private final ManagedTenants tenants;

	UsersController(Accounts accounts, ManagedTenants tenants) {
		this.accounts = accounts;
		this.tenants = tenants;
	}

	@GetMapping("/admin/users")
	String list(VigilUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("people", accounts.people(user.organizationId()));
		model.addAttribute("tenants", tenants.list(user.organizationId()));
		model.addAttribute("roles", Role.values());
		return "users/list";
	}

	@PostMapping("/admin/users")
	String create(VigilUser admin, @RequestParam String email, @RequestParam String name, @RequestParam String password,
			@RequestParam Role role, @RequestParam(required = false) @Nullable List<UUID> tenant, Model model) {
		try {
			accounts.create(admin.organizationId(), email, name, new Secret(password), role, scope(admin, tenant),
					false, admin.email());
			return "redirect:/admin/users";
		}
		catch (AccountException ex) {
			model.addAttribute("error", ex.getMessage());
			return list(admin, model);
		}
	}

	@PostMapping("/admin/users/{id}/role")
	String changeRole(VigilUser admin, @PathVariable UUID id, @RequestParam Role role,
			@RequestParam(required = false) @Nullable List<UUID> tenant, Model model) {
		try {
			if (!accounts.changeRole(admin.organizationId(), id, role, scope(admin, tenant), admin.email())) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			return "redirect:/admin/users";
		}
		catch (AccountException ex) {
			model.addAttribute("error", ex.getMessage());
			return list(admin, model);
		}
	}

	@PostMapping("/admin/users/{id}/disable")
	String disable(VigilUser admin, @PathVariable UUID id, Model model) {
		return change(admin, model, () -> accounts.disable(admin, id));
	}

	@PostMapping("/admin/users/{id}/enable")
	String enable(VigilUser admin, @PathVariable UUID id, Model model) {
		return change(admin, model, () -> accounts.enable(admin, id));
	}

	@PostMapping("/admin/users/{id}/end-sessions")
	String endSessions(VigilUser admin, @PathVariable UUID id, Model model) {
		return change(admin, model, () -> accounts.endSessions(admin, id));
	}

	@PostMapping("/admin/users/{id}/reset-password")
	String resetPassword(VigilUser admin, @PathVariable UUID id, @RequestParam String password, Model model) {
		return change(admin, model, () -> accounts.resetPassword(admin, id, new Secret(password)));
	}

	@PostMapping("/admin/users/{id}/reset-second-factor")
	String resetSecondFactor(VigilUser admin, @PathVariable UUID id, Model model) {
		return change(admin, model, () -> accounts.resetSecondFactor(admin, id));
	}

	/**
	 * Runs an account change by the signed-in admin (the service checks and audits it);
	 * refusals on the page.
	 */
	private String change(VigilUser admin, Model model, java.util.function.BooleanSupplier change) {
		try {
			if (!change.getAsBoolean()) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			return "redirect:/admin/users";
		}
		catch (AccountException ex) {
			model.addAttribute("error", ex.getMessage());
			return list(admin, model);
		}
	}

	/**
	 * Only tenants of the admin's own organization can be in a scope; none chosen: all of
	 * them.
	 */
	private @Nullable Set<ManagedTenantId> scope(VigilUser admin, @Nullable List<UUID> chosen) {
		if (chosen == null || chosen.isEmpty()) {
			return null;
		}
		var organization = admin.organizationId();
		var scope = new java.util.HashSet<ManagedTenantId>();
		for (var id : chosen) {
			var tenant = tenants.find(organization, new ManagedTenantId(id))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			scope.add(tenant.id());
		}
		return scope;
	}

}
