package io.vigil.web.account;

import io.vigil.security.AccountException;
import io.vigil.security.FirstAdministrator;
import io.vigil.shared.Secret;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The one-time setup link: the organization and its first administrator. */
@Controller
class SetupController {

	private final FirstAdministrator firstAdministrator;

	SetupController(FirstAdministrator firstAdministrator) {
		this.firstAdministrator = firstAdministrator;
	}

	@GetMapping("/setup")
	String form(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		if (!firstAdministrator.isValid(token)) {
			model.addAttribute("invalid", true);
		}
		return "account/setup";
	}

	@PostMapping("/setup")
	String setUp(@RequestParam String token, @RequestParam String organization, @RequestParam String name,
			@RequestParam String email, @RequestParam String password, @RequestParam String passwordAgain,
			Model model) {
		model.addAttribute("token", token);
		model.addAttribute("organization", organization);
		model.addAttribute("name", name);
		model.addAttribute("email", email);
		if (!password.equals(passwordAgain)) {
			model.addAttribute("error", "The two passwords differ");
			return "account/setup";
		}
		try {
			firstAdministrator.setUp(token, organization, name, email, new Secret(password));
			return "redirect:/login?setup";
		}
		catch (AccountException ex) {
			model.addAttribute("error", ex.getMessage());
			if (!firstAdministrator.isValid(token)) {
				model.addAttribute("invalid", true);
			}
			return "account/setup";
		}
	}

}
