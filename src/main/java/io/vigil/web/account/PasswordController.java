package io.vigil.web.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.vigil.security.AccountException;
import io.vigil.security.Accounts;
import io.vigil.security.CurrentSession;
import io.vigil.shared.Secret;
import io.vigil.security.VigilUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Everyone changes their own password here, proving the current one; their other sessions
 * end.
 */
@Controller
class PasswordController {

	private final Accounts accounts;

	private final CurrentSession session;

	PasswordController(Accounts accounts, CurrentSession session) {
		this.accounts = accounts;
		this.session = session;
	}

	@GetMapping("/account/password")
	String form(VigilUser user, Model model) {
		model.addAttribute("user", user);
		return "account/password";
	}

	@PostMapping("/account/password")
	String change(VigilUser user, @RequestParam String current, @RequestParam String password,
			@RequestParam String passwordAgain, Model model, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			if (!password.equals(passwordAgain)) {
				throw new AccountException("The two new passwords differ");
			}
			var epoch = accounts.changeOwnPassword(user, new Secret(current), new Secret(password));
			session.continueUnderEpoch(epoch, request, response);
			redirect.addFlashAttribute("notice", "Your password is changed; your other sessions have ended.");
			return "redirect:/account/password";
		}
		catch (AccountException ex) {
			model.addAttribute("user", user);
			model.addAttribute("error", ex.getMessage());
			return "account/password";
		}
	}

}
