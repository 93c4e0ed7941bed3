package io.vigil.web.account;

import jakarta.servlet.http.HttpServletRequest;

import io.vigil.security.SingleSignOn;
import io.vigil.security.SingleSignOnLinking;
import io.vigil.security.VigilUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A person links their account to their Entra ID identity (or removes the link) for
 * single sign-on.
 */
@Controller
class AccountSsoController {

	private final SingleSignOn singleSignOn;

	private final SingleSignOnLinking linking;

	AccountSsoController(SingleSignOn singleSignOn, SingleSignOnLinking linking) {
		this.singleSignOn = singleSignOn;
		this.linking = linking;
	}

	@GetMapping("/account/sso")
	String page(VigilUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("linked", singleSignOn.isLinked(user));
		model.addAttribute("available", singleSignOn.registrationOf(user.organizationId()).isPresent());
		return "account/sso";
	}

	@PostMapping("/account/sso/link")
	String link(HttpServletRequest request) {
		return linking.start(request).map(target -> "redirect:" + target).orElse("redirect:/account/sso");
	}

	@PostMapping("/account/sso/unlink")
	String unlink(VigilUser user) {
		singleSignOn.unlink(user);
		return "redirect:/account/sso";
	}

}
