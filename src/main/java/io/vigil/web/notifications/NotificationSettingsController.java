package io.vigil.web.notifications;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import io.vigil.detection.Severity;
import io.vigil.notification.Mailbox;
import io.vigil.notification.NotificationRouting;
import io.vigil.notification.Notifications;
import io.vigil.notification.Route;
import io.vigil.notification.Webhook;
import io.vigil.shared.ManagedTenantId;
import io.vigil.tenants.ManagedTenants;
import io.vigil.security.VigilUser;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Organization admins decide who hears of incidents (routes, quiet hours, webhooks with a
 * test button), send a message again, and, in demo mode, read what the demo mailbox
 * received.
 */
@Controller
class NotificationSettingsController {

	private final NotificationRouting routing;

	private final Notifications notifications;

	private final ManagedTenants tenants;

	private final ObjectProvider<Mailbox> mailbox;

	NotificationSettingsController(NotificationRouting routing, Notifications notifications, ManagedTenants tenants,
			ObjectProvider<Mailbox> mailbox) {
		this.routing = routing;
		this.notifications = notifications;
		this.tenants = tenants;
		this.mailbox = mailbox;
	}

	@GetMapping("/admin/notifications")
	String page(VigilUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("routes", routing.routes(user.organizationId()));
		model.addAttribute("webhooks", routing.webhooks(user.organizationId()));
		model.addAttribute("quiet", routing.quietHours(user.organizationId()));
		var all = tenants.list(user.organizationId());
		model.addAttribute("tenants", all);
		model.addAttribute("tenantNames", all.stream()
			.collect(java.util.stream.Collectors.toMap(tenant -> tenant.id(), tenant -> tenant.displayName())));
		model.addAttribute("severities", Severity.values());
		model.addAttribute("kinds", Webhook.Kind.values());
		model.addAttribute("mailbox", mailbox.getIfAvailable() != null);
		return "notifications/settings";
	}

	@PostMapping("/admin/notifications/routes")
	String addRoute(VigilUser user, @RequestParam(defaultValue = "") String tenant, @RequestParam Severity minSeverity,
			@RequestParam Route.Audience audience, @RequestParam(defaultValue = "") String recipient,
			@RequestParam(defaultValue = "false") boolean tenantAdmins, @RequestParam Route.Delivery delivery,
			RedirectAttributes redirect) {
		try {
			routing.addRoute(user, tenant.isBlank() ? null : new ManagedTenantId(UUID.fromString(tenant)), minSeverity,
					audience, tenantAdmins ? Route.TENANT_ADMINS : recipient, delivery);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/routes/{id}/remove")
	String removeRoute(VigilUser user, @PathVariable UUID id) {
		if (!routing.removeRoute(user, id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/quiet-hours")
	String quietHours(VigilUser user, @RequestParam(defaultValue = "") String start,
			@RequestParam(defaultValue = "") String end, @RequestParam(defaultValue = "UTC") String zone,
			RedirectAttributes redirect) {
		try {
			routing.setQuietHours(user,
					new NotificationRouting.QuietHours(start.isBlank() ? null : LocalTime.parse(start),
							end.isBlank() ? null : LocalTime.parse(end), ZoneId.of(zone.strip())));
		}
		catch (java.time.DateTimeException ex) {
			redirect.addFlashAttribute("error", "Times are like 22:00, zones like Europe/Amsterdam");
		}
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/webhooks")
	String addWebhook(VigilUser user, @RequestParam Webhook.Kind kind, @RequestParam(defaultValue = "") String url,
			@RequestParam Severity minSeverity, RedirectAttributes redirect) {
		try {
			var created = routing.addWebhook(user, kind, url, minSeverity);
			redirect.addFlashAttribute("secret", created.secret().reveal());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/webhooks/{id}/remove")
	String removeWebhook(VigilUser user, @PathVariable UUID id) {
		if (!routing.removeWebhook(user, id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/webhooks/{id}/test")
	String testWebhook(VigilUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		if (!routing.sendTest(user, id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "A test message is on its way; its result shows here in a few seconds.");
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/{id}/resend")
	String resend(VigilUser user, @PathVariable UUID id, @RequestParam(defaultValue = "") String incident) {
		if (!notifications.resend(user, id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return incident.isBlank() ? "redirect:/admin/notifications"
				: "redirect:/incidents/" + UUID.fromString(incident);
	}

	@GetMapping("/admin/mailbox")
	String mailbox(VigilUser user, Model model) {
		var box = mailbox.getIfAvailable();
		if (box == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("user", user);
		model.addAttribute("mails", box.received().reversed());
		return "notifications/mailbox";
	}

}
