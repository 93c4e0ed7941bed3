package io.vigil.web.account;

import io.vigil.security.SecondFactor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (Spring Security processes its POST) and the second-factor step after
 * it.
 */
@Controller
class SignInController {

	private final SecondFactor secondFactor;

	SignInController(SecondFactor secondFactor) {
		this.secondFactor = secondFactor;
	}

	@GetMapping("/login")
	String signIn() {
		return "account/login";
	}

	@GetMapping("/login/second-factor")
	String secondFactor(Model model) {
		model.addAttribute("email", secondFactor.pendingUser().email());
		return "account/second-factor";
	}

	@PostMapping("/login/second-factor")
	String verify(@RequestParam String code, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (secondFactor.verify(code, request, response)) {
			return "redirect:/";
		}
		model.addAttribute("email", secondFactor.pendingUser().email());
		model.addAttribute("error", "That code is not valid. Use the current code from your app, or a recovery code.");
		return "account/second-factor";
	}

}
