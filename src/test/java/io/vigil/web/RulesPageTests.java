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
		assertThat(row(page, "RULE-1143")).contains(">live<", "1 of 1 tenants", "Switch off");
		assertThat(page).contains("Azure Sign-In With Axios User Agent");
		var responder = TestSignIn.as(simulation.jdbc(), organization, Role.RESPONDER);
		var withoutReason = mvc
			.perform(post("/rules/tenants/" + tenant.value() + "/RULE-1143").with(csrf())
				.with(authentication(TestSignIn.token(responder)))
				.param("enabled", "false"))
			.andReturn();
		assertThat(withoutReason.getFlashMap().get("switchError")).asString().contains("Say why");
		assertThat(row(page("/rules?tenant=" + tenant.value()), "RULE-1143")).as("still on").contains(">live<");
		mvc.perform(post("/rules/tenants/" + tenant.value() + "/RULE-1143").with(csrf())
			.with(authentication(TestSignIn.token(responder)))
			.param("enabled", "false")
			.param("reason", "Contoso's staff use <b>WARP</b>")).andExpect(status().is3xxRedirection());
		assertThat(row(page("/rules?tenant=" + tenant.value()), "RULE-1143")).contains(">switched off<",
				"0 of 1 tenants", "Switch on", "Contoso&#39;s staff use &lt;b&gt;WARP&lt;/b&gt;");
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
		assertThat(row(page("/rules?tenant=" + tenant.value()), "RULE-1143")).contains(">live<").doesNotContain("WARP");
	}

	@Test
	void aBrokenUploadIsAnsweredOnTheFormAndKeepsTheText() throws Exception {
		var broken = RULE.replace("endswith", "endzwith");
		var answer = mvc
			.perform(multipart("/admin/rules/upload").with(csrf())
				.with(authentication(TestSignIn.token(admin)))
				.param("yaml", broken))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(answer).contains("id=\"upload-error\"", "uploaded rule:", "endzwith");
		assertThat(answer).contains("userPrincipalName|endzwith");
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
		assertThat(page("/rules")).contains("Uploaded, not enabled yet", "Successful sign-ins of rules.example");

		var expected = simulation.jdbc()
			.sql("""
					select count(*) from sign_in where managed_tenant_id = ? and error_code = 0
					  and user_principal_name like '%@rules.example' and created_at >= now() - interval '7 days'""")
			.param(tenant.value())
			.query(Long.class)
			.single();
		assertThat(expected).isPositive();
		var preview = page(location);
		assertThat(preview).contains("draft, not running", "<strong>" + expected + "</strong> matching sign-ins",
				">live<", "@rules.example from");

		mvc.perform(post(location + "/enable").with(csrf()).with(authentication(TestSignIn.token(admin))))
			.andExpect(status().is3xxRedirection());
		assertThat(row(page("/rules?tenant=" + tenant.value()), "7a7a7a7a-0000-4000-8000-0000000000c1"))
			.contains("uploaded", ">live<", "1 of 1 tenants");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(audit.recent(organization, 5)).extracting(AuditEntry::action)
				.contains("rule.uploaded", "rule.upload-enabled"));
	}

	private String page(String path) throws Exception {
		return mvc.perform(get(path).with(authentication(TestSignIn.token(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The catalogue's table row of one rule. */
	private static String row(String page, String ruleId) {
		var start = page.indexOf("id=\"rule-" + ruleId + "\"");
		assertThat(start).as("row of " + ruleId).isPositive();
		return page.substring(start, page.indexOf("</tr>", start));
	}

}
