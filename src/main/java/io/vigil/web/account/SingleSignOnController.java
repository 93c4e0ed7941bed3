package io.vigil.web.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.vigil.security.SingleSignOn;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Sign in with Microsoft": finds the organization by the email's domain and starts its
 * Entra ID sign-in.
 */
@Controller
class SingleSignOnController {

	private final SingleSignOn singleSignOn;

	SingleSignOnController(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	@GetMapping("/login/sso")
	String start(@RequestParam(defaultValue = "") String email) {
		return singleSignOn.registrationFor(email.strip())
			.map(registration -> "redirect:/oauth2/authorization/" + registration + "?login_hint="
					+ URLEncoder.encode(email.strip(), StandardCharsets.UTF_8))
			.orElse("redirect:/login?sso-none");
	}

}
