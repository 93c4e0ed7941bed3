package io.vigil.web.incidents;

import java.util.UUID;

import io.vigil.incidents.CustomerVerdict;
import io.vigil.incidents.Incident;
import io.vigil.incidents.Suppression;
import io.vigil.incidents.SuppressionAuthor;
import io.vigil.incidents.Suppressions;
import io.vigil.incidents.Incidents;
import io.vigil.security.VigilUser;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A customer's admin answers an incident of their tenant, confirmed and with a reason:
 * "this was not us" confirms the compromise; "this was us" or "our VPN" closes a low or
 * medium incident and puts a high or critical one up for an analyst's review, who accepts
 * or rejects it with a reason. Incidents of other tenants are not found.
 */
@Controller
class VerdictController {

	private final Incidents incidents;

	private final io.vigil.notification.UserQuestions questions;

	private final Suppressions suppressions;

	VerdictController(Incidents incidents, io.vigil.notification.UserQuestions questions, Suppressions suppressions) {
		this.incidents = incidents;
		this.questions = questions;
		this.suppressions = suppressions;
	}

	@PostMapping("/incidents/{id}/verdict")
	String verdict(VigilUser user, @PathVariable UUID id, @RequestParam(defaultValue = "") String verdict,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String confirm,
			RedirectAttributes redirect) {
		var incident = incidents.find(user.organizationId(), id)
			.filter(found -> user.maySee(found.managedTenantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		try {
			var answer = switch (verdict) {
				case "NOT_US", "not-us" -> CustomerVerdict.NOT_US;
				case "US", "us" -> CustomerVerdict.US;
				case "OUR_VPN", "our-vpn" -> CustomerVerdict.OUR_VPN;
				default -> throw new IllegalArgumentException("Choose what it was");
			};
			if (!confirm.equals("yes")) {
				throw new IllegalArgumentException("Tick \"I am sure of this answer\" to send it");
			}
			incidents.customerVerdict(user.organizationId(), incident.id(), answer, reason, user.email());
			redirect.addFlashAttribute("notice", "Thank you: your answer is recorded and your MSP is told.");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("verdictError", ex.getMessage());
		}
		return "redirect:/incidents/" + id;
	}

	/** "Was this you?" to the incident's account (responders). */
	@PostMapping("/incidents/{id}/ask-user")
	String askUser(VigilUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			if (!questions.ask(user, id)) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			redirect.addFlashAttribute("notice", "The question is on its way; the answer will fill the first step.");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("checklistError", ex.getMessage());
		}
		return "redirect:/incidents/" + id;
	}

	/**
	 * The suppression a customer's "this was our VPN" proposes: this rule and tenant, the
	 * sign-in's network.
	 */
	record VpnProposal(long asn, String words) {
	}

	/**
	 * The suppression a customer's "this was our VPN" proposes (the network of the
	 * incident's first sign-in), or null when the customer said nothing of a VPN or there
	 * is no network to name.
	 */
	static @org.jspecify.annotations.Nullable VpnProposal vpnProposal(Incident incident,
			java.util.List<io.vigil.incidents.TimelineEntry> timeline,
			java.util.List<io.vigil.incidents.IncidentSignIn> signIns) {
		var said = timeline.stream()
			.filter(entry -> entry.kind().equals("customer-verdict"))
			.reduce((first, second) -> second)
			.map(entry -> CustomerVerdict.OUR_VPN.words().equals(entry.detail().get("verdict")))
			.orElse(false);
		if (!said || incident.status() != io.vigil.incidents.IncidentStatus.CUSTOMER_SAYS_BENIGN || signIns.isEmpty()
				|| !(signIns.getFirst().evidence().get("ip") instanceof java.util.Map<?, ?> ip)
				|| !(ip.get("asn") instanceof Number asn)) {
			return null;
		}
		return new VpnProposal(asn.longValue(), "AS" + asn.longValue()
				+ (ip.get("asOrganization") == null ? "" : " (" + ip.get("asOrganization") + ")"));
	}

	@PostMapping("/incidents/{id}/verdict-review")
	String review(VigilUser user, @PathVariable UUID id, @RequestParam(defaultValue = "") String decision,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String suppress,
			RedirectAttributes redirect) {
		if (!user.mayAct()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		var incident = incidents.find(user.organizationId(), id)
			.filter(found -> user.maySee(found.managedTenantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		try {
			if (!decision.equals("accept") && !decision.equals("reject")) {
				throw new IllegalArgumentException("Accept or reject the customer's answer");
			}
			var proposal = vpnProposal(incident, incidents.timeline(user.organizationId(), id),
					incidents.signIns(user.organizationId(), id));
			if (decision.equals("accept") && suppress.equals("yes") && proposal != null && !reason.isBlank()) {
				suppressions.create(user.organizationId(),
						new Suppression.Scope(incident.managedTenantId(), incident.ruleId(), null, null, proposal.asn(),
								null),
						"The customer's VPN (" + proposal.words() + "): " + reason.strip(), null, false, incident.id(),
						false, new SuppressionAuthor(user.email(), user.tenantScope(),
								user.role() == io.vigil.security.Role.ORG_ADMIN));
			}
			incidents.reviewCustomerVerdict(user.organizationId(), incident.id(), decision.equals("accept"), reason,
					user.email());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("reviewVerdictError", ex.getMessage());
		}
		return "redirect:/incidents/" + id;
	}

}
