package io.vigil.web.admin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import io.vigil.security.AuditLog;
import io.vigil.security.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The organization's audit log for its admins, on a page and as CSV. */
@Controller
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/admin/audit")
	String page(Model model) {
		model.addAttribute("user", CurrentUser.require());
		model.addAttribute("entries", audit.recent(CurrentUser.require().organizationId(), 500));
		return "admin/audit";
	}

	@GetMapping("/admin/audit.csv")
	void csv(HttpServletResponse response) throws IOException {
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"vigil-audit-log.csv\"");
		var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		audit.exportCsv(CurrentUser.require().organizationId(), writer);
	}

}
