package io.vigil.web.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;

import io.vigil.detection.InvalidRule;
import io.vigil.detection.RetroHunt;
import io.vigil.detection.RuleCatalog;
import io.vigil.detection.UploadedRule;
import io.vigil.security.VigilUser;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.ManagedTenants;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Uploading a Sigma rule (organization administrators; it applies to every tenant):
 * validated with the problem and its line shown on the form, kept as a draft, previewed
 * as a retro-hunt over each tenant's stored sign-ins, and only then enabled, or
 * discarded.
 */
@Controller
class RuleUploadController {

	/**
	 * Previews look back at most this far: a preview must answer while the person waits.
	 */
	static final int MAX_PREVIEW_DAYS = 30;

	/**
	 * A tenant's preview: what the rule would have matched, and whether it can run there
	 * at all.
	 */
	record TenantPreview(ManagedTenant tenant, RetroHunt.Report report) {
	}

	private final RuleCatalog catalog;

	private final RetroHunt retroHunt;

	private final ManagedTenants tenants;

	private final Clock clock;

	RuleUploadController(RuleCatalog catalog, RetroHunt retroHunt, ManagedTenants tenants, Clock clock) {
		this.catalog = catalog;
		this.retroHunt = retroHunt;
		this.tenants = tenants;
		this.clock = clock;
	}

	@GetMapping("/admin/rules/upload")
	String form(VigilUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("yaml", "");
		return "rules/upload";
	}

	@PostMapping("/admin/rules/upload")
	String upload(VigilUser user, @RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(defaultValue = "") String yaml, Model model) throws IOException {
		var text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : yaml;
		model.addAttribute("user", user);
		model.addAttribute("yaml", text);
		if (text.isBlank()) {
			model.addAttribute("error", "Paste a Sigma rule or choose a file.");
			return "rules/upload";
		}
		try {
			var uploaded = catalog.upload(user.organizationId(), text, user.email());
			return "redirect:/admin/rules/uploads/" + uploaded.id();
		}
		catch (InvalidRule ex) {
			model.addAttribute("error", ex.getMessage());
			return "rules/upload";
		}
	}

	@GetMapping("/admin/rules/uploads/{id}")
	String preview(VigilUser user, @PathVariable UUID id, @RequestParam(defaultValue = "7") int days, Model model) {
		var rule = uploaded(user, id);
		var lookBack = Math.max(1, Math.min(days, MAX_PREVIEW_DAYS));
		var to = clock.instant();
		var from = to.minus(Duration.ofDays(lookBack));
		var previews = new ArrayList<TenantPreview>();
		for (var tenant : tenants.list(user.organizationId())) {
			var request = new RetroHunt.Request(tenant.id(), from, to, rule.yaml(), Set.of(), false);
			previews.add(new TenantPreview(tenant, retroHunt.hunt(user.organizationId(), request)));
		}
		model.addAttribute("user", user);
		model.addAttribute("rule", rule);
		model.addAttribute("days", lookBack);
		model.addAttribute("previews", previews);
		model.addAttribute("matched", previews.stream().mapToLong(p -> p.report().matched()).sum());
		return "rules/preview";
	}

	@PostMapping("/admin/rules/uploads/{id}/enable")
	String enable(VigilUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		var rule = uploaded(user, id);
		catalog.enableUpload(user.organizationId(), id, user.email());
		redirect.addFlashAttribute("notice", "Rule " + rule.title() + " now runs for every tenant.");
		return "redirect:/rules";
	}

	@PostMapping("/admin/rules/uploads/{id}/discard")
	String discard(VigilUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		var rule = uploaded(user, id);
		catalog.discardUpload(user.organizationId(), id, user.email());
		redirect.addFlashAttribute("notice", "Rule " + rule.title() + " was discarded.");
		return "redirect:/rules";
	}

	private UploadedRule uploaded(VigilUser user, UUID id) {
		return catalog.upload(user.organizationId(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
