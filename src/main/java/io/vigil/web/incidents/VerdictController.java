package io.vigil.web.incidents;

import java.util.UUID;

import io.vigil.incidents.IncidentStatus;
import io.vigil.incidents.Incidents;
import io.vigil.security.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A customer's admin (or the MSP) answers an incident: "this was not us" confirms the compromise, "this was us"
 * dismisses it as benign. Only for incidents of the tenants the person may see; others are not found.
 */
@Controller
class VerdictController {

	private final Incidents incidents;

	VerdictController(Incidents incidents) {
		this.incidents = incidents;
	}

	@PostMapping("/incidents/{id}/verdict")
	String verdict(@PathVariable UUID id, @RequestParam String verdict) {
		var user = CurrentUser.require();
		var incident = incidents.find(user.organizationId(), id)
			.filter(found -> user.maySee(found.managedTenantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		var status = switch (verdict) {
			case "not-us" -> IncidentStatus.CONFIRMED_COMPROMISE;
			case "us" -> IncidentStatus.DISMISSED_BENIGN;
			default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "verdict is 'not-us' or 'us'");
		};
		incidents.changeStatus(user.organizationId(), incident.id(), status, user.email());
		return "redirect:/";
	}

}
