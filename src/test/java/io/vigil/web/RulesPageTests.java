package io.vigil.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.AuditEntry;
import io.vigil.security.AuditLog;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The Rules page on an ingested tenant: the catalogue with each rule's status there, a
 * rule switched off and on (audited), and a Sigma upload: a broken one answered on the
 * form with its line, a valid one previewed as a retro-hunt whose count is what the
 * stored sign-ins say, then enabled.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class RulesPageTests {

	static final String TENANT = "c0c0c0c0-0000-4000-8000-000000000006";

	static final String RULE = """
			title: Successful sign-ins of rules.example
			id: 7a7a7a7a-0000-4000-8000-0000000000c1
			status: test
			logsource:
			  product: azure
			  service: signinlogs
			detection:
			  selection:
			    userPrincipalName|endswith: '@rules.example'
			    ResultType: 0
			  condition: selection
			level: low
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	@Autowired
	AuditLog audit;

	OrganizationId organization;

	ManagedTenantId tenant;

	Object admin;

	@BeforeEach
	void anIngestedTenant() {
		var msp = simulation.organization("Rules MSP");
		organization = msp.id();
		tenant = msp.connect(TENANT, "Rules");
		var expected = SimulatorProbe.visibleSignInIds(simulation.simulator(), TENANT).size();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> simulation.signIns().count(organization, tenant) == expected);
		admin = TestSignIn.as(simulation.jdbc(), organization, Role.ORG_ADMIN);
	}

	/**
	 * Stops polling this test's tenant: the connections of earlier tests would otherwise
	 * share its Graph budget.
	 */
	@AfterEach
	void disconnect() {
		simulation.tenants().disconnect(organization, tenant);
	}

	@Test
	void aRuleIsSwitchedOffAndOnForOneTenant() throws Exception {
		var page = page("/rules?tenant=" + tenant.value());
		assertThat(state(page, "RULE-1143")).isEqualTo("live");
		assertThat(row(page, "RULE-1143").text()).contains("1 of 1 tenants");
		assertThat(row(page, "RULE-1143").select("button").text()).isEqualTo("Switch off");
		assertThat(page.select("#rules td strong").eachText()).contains("Azure Sign-In With Axios User Agent");
		var responder = TestSignIn.as(simulation.jdbc(), organization, Role.RESPONDER);
		var withoutReason = mvc
			.perform(post("/rules/tenants/" + tenant.value() + "/RULE-1143").with(csrf())
				.with(authentication(TestSignIn.token(responder)))
				.param("enabled", "false"))
			.andReturn();
		assertThat(withoutReason.getFlashMap().get("switchError")).asString().contains("Say why");
		assertThat(state(page("/rules?tenant=" + tenant.value()), "RULE-1143")).as("still on").isEqualTo("live");
		mvc.perform(post("/rules/tenants/" + tenant.value() + "/RULE-1143").with(csrf())
			.with(authentication(TestSignIn.token(responder)))
			.param("enabled", "false")
			.param("reason", "Contoso's staff use <b>WARP</b>")).andExpect(status().is3xxRedirection());
		var off = page("/rules?tenant=" + tenant.value());
		assertThat(state(off, "RULE-1143")).isEqualTo("switched off");
		assertThat(row(off, "RULE-1143").select(".rule-status .muted").text())
			.endsWith(": Contoso's staff use <b>WARP</b>");
		assertThat(row(off, "RULE-1143").select("b")).isEmpty();
		assertThat(row(off, "RULE-1143").text()).contains("0 of 1 tenants");
		assertThat(row(off, "RULE-1143").select("button").text()).isEqualTo("Switch on");
		// written by the rule catalogue's event, after its transaction
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(audit.recent(organization, 5))
						.filteredOn(entry -> entry.action().equals("rule.disabled"))
						.singleElement()
						.satisfies(entry -> assertThat(entry.detail())
							.containsEntry("reason", "Contoso's staff use <b>WARP</b>")
							.containsEntry("tenantName", "Rules")
							.containsEntry("tenant", tenant.value().toString())));
		var reader = TestSignIn.as(simulation.jdbc(), organization, Role.READ_ONLY);
		assertThat(mvc
			.perform(post("/rules/tenants/" + tenant.value() + "/RULE-1143").with(csrf())
				.with(authentication(TestSignIn.token(reader)))
				.param("enabled", "true"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		mvc.perform(post("/rules/tenants/" + tenant.value() + "/RULE-1143").with(csrf())
			.with(authentication(TestSignIn.token(admin)))
			.param("enabled", "true")).andExpect(status().is3xxRedirection());
		var on = page("/rules?tenant=" + tenant.value());
		assertThat(state(on, "RULE-1143")).isEqualTo("live");
		assertThat(row(on, "RULE-1143").text()).doesNotContain("WARP");
	}

	@Test
	void aBrokenUploadIsAnsweredOnTheFormAndKeepsTheText() throws Exception {
		var broken = RULE.replace("endswith", "endzwith");
		var answer = mvc
			.perform(multipart("/admin/rules/upload").with(csrf())
				.with(authentication(TestSignIn.token(admin)))
				.param("yaml", broken))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		var form = Jsoup.parse(answer);
		assertThat(form.getElementById("upload-error").text()).contains("uploaded rule:", "endzwith");
		assertThat(form.select("textarea[name=yaml]").val()).contains("userPrincipalName|endzwith");
		assertThat(simulation.jdbc()
			.sql("select count(*) from detection_uploaded_rule where organization_id = ?")
			.param(organization.value())
			.query(Long.class)
			.single()).isZero();
		var responder = TestSignIn.as(simulation.jdbc(), organization, Role.RESPONDER);
		assertThat(mvc.perform(get("/admin/rules/upload").with(authentication(TestSignIn.token(responder))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void anUploadIsPreviewedThenEnabled() throws Exception {
		var file = new MockMultipartFile("file", "rule.yml", "application/yaml", RULE.getBytes(StandardCharsets.UTF_8));
		var location = mvc.perform(
				multipart("/admin/rules/upload").file(file).with(csrf()).with(authentication(TestSignIn.token(admin))))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/admin/rules/uploads/");
		assertThat(page("/rules").getElementById("drafts").text()).contains("Uploaded, not enabled yet",
				"Successful sign-ins of rules.example");

		var expected = simulation.jdbc()
			.sql("""
					select count(*) from sign_in where managed_tenant_id = ? and error_code = 0
					  and user_principal_name like '%@rules.example' and created_at >= now() - interval '7 days'""")
			.param(tenant.value())
			.query(Long.class)
			.single();
		assertThat(expected).isPositive();
		var preview = page(location);
		assertThat(preview.select("main p strong").eachText()).contains("draft, not running");
		assertThat(preview.select("#preview-total strong").text()).isEqualTo(String.valueOf(expected));
		assertThat(preview.select("main").text()).contains("live", "@rules.example from");

		mvc.perform(post(location + "/enable").with(csrf()).with(authentication(TestSignIn.token(admin))))
			.andExpect(status().is3xxRedirection());
		var enabled = page("/rules?tenant=" + tenant.value());
		assertThat(state(enabled, "7a7a7a7a-0000-4000-8000-0000000000c1")).isEqualTo("live");
		assertThat(row(enabled, "7a7a7a7a-0000-4000-8000-0000000000c1").select("td").eachText()).contains("uploaded",
				"1 of 1 tenants");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(audit.recent(organization, 5)).extracting(AuditEntry::action)
				.contains("rule.uploaded", "rule.upload-enabled"));
	}

	private Document page(String path) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).with(authentication(TestSignIn.token(admin))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	/** The catalogue's table row of one rule. */
	private static Element row(Document page, String ruleId) {
		var row = page.getElementById("rule-" + ruleId);
		assertThat(row).as("row of " + ruleId).isNotNull();
		return row;
	}

	/** What the rule's status cell says it is in the chosen tenant. */
	private static String state(Document page, String ruleId) {
		return row(page, ruleId).select(".rule-status span:not(.muted)").text();
	}

}
