package io.vigil.web.settings;

import io.vigil.ingest.SignInRetention;
import io.vigil.security.VigilUser;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An organization admin sees how long each kind of data is kept and chooses the retention
 * of sign-ins within the operator's bounds.
 */
@Controller
class RetentionController {

	private final SignInRetention retention;

	private final io.vigil.notification.Notifications notifications;

	RetentionController(SignInRetention retention, io.vigil.notification.Notifications notifications) {
		this.retention = retention;
		this.notifications = notifications;
	}

	@GetMapping("/admin/retention")
	String page(VigilUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("retention", retention.of(user.organizationId()));
		model.addAttribute("keepSentDays", notifications.keepSent().toDays());
		return "settings/retention";
	}

	@PostMapping("/admin/retention")
	String change(VigilUser user, @RequestParam(defaultValue = "") String days, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		try {
			retention.change(user.organizationId(), Integer.parseInt(days.strip()), user.email());
			return "redirect:/admin/retention?saved";
		}
		catch (NumberFormatException ex) {
			return refused(user, "Enter a whole number of days.", days, model, response);
		}
		catch (SignInRetention.OutsideBounds ex) {
			return refused(user, ex.getMessage(), days, model, response);
		}
	}

	private String refused(VigilUser user, String error, String days, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		model.addAttribute("error", error);
		model.addAttribute("entered", days);
		return page(user, model);
	}

}
