package io.vigil.web.settings;

import io.vigil.security.AccountException;
import io.vigil.security.SingleSignOn;
import io.vigil.shared.Secret;
import io.vigil.security.VigilUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An organization admin sets up single sign-on with the MSP's own Entra ID. */
@Controller
class SsoController {

	private final SingleSignOn singleSignOn;

	SsoController(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	@GetMapping("/admin/sso")
	String form(VigilUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("sso", singleSignOn.settings(user.organizationId()).orElse(null));
		return "settings/sso";
	}

	@PostMapping("/admin/sso")
	String save(VigilUser user, @RequestParam String tenantId, @RequestParam String clientId,
			@RequestParam String clientSecret, @RequestParam String emailDomain, Model model) {
		try {
			singleSignOn.configure(user.organizationId(), tenantId, clientId, new Secret(clientSecret), emailDomain,
					user.email());
			return "redirect:/admin/sso?saved";
		}
		catch (AccountException ex) {
			model.addAttribute("error", ex.getMessage());
			return form(user, model);
		}
	}

}
