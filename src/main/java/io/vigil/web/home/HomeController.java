package io.vigil.web.home;

import java.time.Instant;

import io.vigil.incidents.Incidents;
import io.vigil.security.CurrentUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: who is signed in, and the latest incidents of the tenants they may see. */
@Controller
class HomeController {

	record IncidentRow(String id, String title, String severity, String status, String account, Instant lastSeen,
			int signIns) {
	}

	private final Incidents incidents;

	HomeController(Incidents incidents) {
		this.incidents = incidents;
	}

	@GetMapping("/")
	String home(Model model) {
		var user = CurrentUser.require();
		model.addAttribute("user", user);
		model.addAttribute("incidents", incidents.recent(user.organizationId(), null, 200)
			.stream()
			.filter(incident -> user.maySee(incident.managedTenantId()))
			.limit(50)
			.map(incident -> new IncidentRow(incident.id().toString(), incident.ruleTitle(),
					incident.severity().level(), incident.status().name(),
					incident.accountUpn() == null ? incident.dedupKey() : incident.accountUpn(), incident.lastSeen(),
					incident.signInCount()))
			.toList());
		return "home/index";
	}

}
