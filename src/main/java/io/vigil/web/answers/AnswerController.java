package io.vigil.web.answers;

import java.util.UUID;

import io.vigil.notification.AnswerLinks;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages behind the answer links of customer emails, for people who are not signed in.
 * Opening a link (as mail scanners do) shows what it will answer and changes nothing; the
 * answer is given with the form there, once.
 */
@Controller
class AnswerController {

	private final AnswerLinks links;

	AnswerController(AnswerLinks links) {
		this.links = links;
	}

	@GetMapping("/answers/{incident}/{link}")
	String confirm(@PathVariable UUID incident, @PathVariable UUID link,
			@RequestParam(name = "s", defaultValue = "") String signature, Model model, HttpServletResponse response) {
		response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
		response.setHeader("Referrer-Policy", "no-referrer");
		try {
			model.addAttribute("offer", links.open(incident, link, signature));
			model.addAttribute("signature", signature);
			return "answers/confirm";
		}
		catch (AnswerLinks.Refused refused) {
			return refused(model, response, refused.getMessage());
		}
	}

	@PostMapping("/answers/{incident}/{link}")
	String answer(@PathVariable UUID incident, @PathVariable UUID link,
			@RequestParam(name = "s", defaultValue = "") String signature,
			@RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
		response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
		try {
			model.addAttribute("offer", links.answer(incident, link, signature, reason));
			return "answers/done";
		}
		catch (AnswerLinks.Refused refused) {
			return refused(model, response, refused.getMessage());
		}
		catch (IllegalArgumentException missing) {
			model.addAttribute("offer", links.open(incident, link, signature));
			model.addAttribute("signature", signature);
			model.addAttribute("error", missing.getMessage());
			return "answers/confirm";
		}
	}

	private static String refused(Model model, HttpServletResponse response, String reason) {
		response.setStatus(HttpStatus.GONE.value());
		model.addAttribute("reason", reason);
		return "answers/refused";
	}

}
