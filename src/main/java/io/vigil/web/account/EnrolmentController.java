package io.vigil.web.account;

import io.vigil.security.AccountException;
import io.vigil.security.Accounts;
import io.vigil.security.SecondFactor;
import io.vigil.security.SecondFactorActive;
import io.vigil.security.TotpEnrolment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Setting up the second factor at first sign-in: the key for an authenticator app,
 * confirmed with a code, then the recovery codes, shown once.
 */
@Controller
class EnrolmentController {

	private static final String ENROLMENT = EnrolmentController.class.getName() + ".enrolment";

	private final Accounts accounts;

	private final SecondFactor secondFactor;

	EnrolmentController(Accounts accounts, SecondFactor secondFactor) {
		this.accounts = accounts;
		this.secondFactor = secondFactor;
	}

	@GetMapping("/account/second-factor/enrol")
	String enrol(HttpSession session, Model model) {
		var enrolment = (TotpEnrolment) session.getAttribute(ENROLMENT);
		if (enrolment == null) {
			try {
				enrolment = accounts.startTotpEnrolment(secondFactor.pendingUser().id());
			}
			catch (SecondFactorActive active) {
				// someone who knows only the password gets the second-factor prompt,
				// never a new key
				return "redirect:/login/second-factor";
			}
			catch (AccountException refused) {
				model.addAttribute("refused", refused.getMessage());
				return "account/enrol";
			}
			session.setAttribute(ENROLMENT, enrolment);
		}
		model.addAttribute("key", enrolment.key().reveal());
		model.addAttribute("uri", enrolment.uri().reveal());
		return "account/enrol";
	}

	@PostMapping("/account/second-factor/enrol")
	String confirm(@RequestParam String code, HttpSession session, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		try {
			var codes = accounts.confirmTotpEnrolment(secondFactor.pendingUser().id(), code);
			session.removeAttribute(ENROLMENT);
			secondFactor.grantFullAccess(request, response);
			model.addAttribute("codes", codes.stream().map(io.vigil.shared.Secret::reveal).toList());
			return "account/recovery-codes";
		}
		catch (SecondFactorActive active) {
			session.removeAttribute(ENROLMENT);
			return "redirect:/login/second-factor";
		}
		catch (AccountException ex) {
			model.addAttribute("error", ex.getMessage());
			return enrol(session, model);
		}
	}

}
