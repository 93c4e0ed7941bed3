package io.vigil.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.vigil.PageResults;
import io.vigil.VigilIntegrationTest;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every endpoint, enumerated from the handler mappings so a new one cannot be missed:
 * anonymous requests are refused except on the few public pages; a half-signed-in user
 * (password, no second factor) reaches nothing else; administration is for organization
 * admins only.
 */
@VigilIntegrationTest
class EndpointSecurityTests {

	/** The only endpoints that answer without signing in. */
	static final Set<String> PUBLIC = Set.of("GET /login", "GET /login/sso", "GET /setup", "POST /setup",
			"GET /actuator/health", "GET /actuator/health/liveness", "GET /actuator/info");

	/** Reachable between password and second factor, and nothing else. */
	static final Set<String> SECOND_FACTOR = Set.of("GET /login/second-factor", "POST /login/second-factor",
			"GET /account/second-factor/enrol", "POST /account/second-factor/enrol");

	@Autowired
	MockMvc mvc;

	@Autowired
	io.vigil.tenants.ManagedTenants tenants;

	@Autowired
	Accounts accounts;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** The application's controllers and Actuator's endpoints. */
	@Autowired
	List<RequestMappingInfoHandlerMapping> mappings;

	@Test
	void anonymousRequestsAreRefusedEverywhereButThePublicPages() throws Exception {
		var open = new LinkedHashSet<String>();
		for (var endpoint : endpoints()) {
			var response = mvc.perform(request(endpoint.method(), endpoint.path()).with(csrf()))
				.andReturn()
				.getResponse();
			var refused = response.getStatus() == 401 || response.getStatus() == 403
					|| response.getStatus() == 302 && String.valueOf(response.getRedirectedUrl()).endsWith("/login");
			if (endpoint.path().startsWith("/answers/")) {
				// the customers' answer links: open to anyone, and only with a valid
				// signature (AnswerLinks)
				assertThat(response.getStatus()).as(endpoint.name()).isEqualTo(410);
				continue;
			}
			if (!refused) {
				open.add(endpoint.name());
			}
		}
		assertThat(endpoints()).extracting(Endpoint::name).contains("GET /actuator/health", "GET /");
		assertThat(open).isEqualTo(PUBLIC);
	}

	@Test
	void withoutTheSecondFactorOnlyTheSecondFactorPagesOpen() throws Exception {
		var pending = principal(Role.ORG_ADMIN, false);
		var open = new LinkedHashSet<String>();
		for (var endpoint : endpoints()) {
			if (PUBLIC.contains(endpoint.name()) || endpoint.path().startsWith("/answers/")) {
				continue;
			}
			org.springframework.mock.web.MockHttpServletResponse response;
			try {
				response = mvc
					.perform(request(endpoint.method(), endpoint.path()).with(csrf()).with(authentication(pending)))
					.andReturn()
					.getResponse();
			}
			catch (jakarta.servlet.ServletException ex) {
				// the request reached its handler (which found no such account): it was
				// let through
				open.add(endpoint.name());
				continue;
			}
			var refused = response.getStatus() == 403
					|| response.getStatus() == 302 && String.valueOf(response.getRedirectedUrl())
						.matches(".*/(login/second-factor|account/second-factor/enrol)");
			if (!refused) {
				open.add(endpoint.name());
			}
		}
		assertThat(open).isSubsetOf(SECOND_FACTOR);
	}

	@Test
	void administrationIsForOrganizationAdminsOnly() throws Exception {
		var admin = endpoints().stream().filter(endpoint -> endpoint.path().startsWith("/admin/")).toList();
		assertThat(admin).isNotEmpty();
		for (var role : List.of(Role.RESPONDER, Role.READ_ONLY, Role.TENANT_ADMIN)) {
			for (var endpoint : admin) {
				var status = mvc
					.perform(request(endpoint.method(), endpoint.path()).with(csrf())
						.with(authentication(principal(role, true))))
					.andReturn()
					.getResponse()
					.getStatus();
				assertThat(status).as(role + " " + endpoint.name()).isEqualTo(403);
			}
			var organizationAdmin = mvc
				.perform(request(HttpMethod.GET, "/admin/audit").with(authentication(principal(Role.ORG_ADMIN, true))))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(organizationAdmin).isEqualTo(200);
		}
	}

	@Test
	void readOnlyUsersChangeNothing() throws Exception {
		var allowed = Set.of("POST /logout", "POST /setup", "POST /login/second-factor",
				"POST /account/second-factor/enrol", "POST /account/password", "POST /account/sso/link",
				"POST /account/sso/unlink");
		for (var endpoint : endpoints()) {
			// a person's own saved queue views (/incidents/views...) change nothing
			// shared
			if (endpoint.method() == HttpMethod.GET || allowed.contains(endpoint.name())
					|| endpoint.path().startsWith("/answers/") || endpoint.path().startsWith("/incidents/views")) {
				continue;
			}
			var status = mvc
				.perform(request(endpoint.method(), endpoint.path()).with(csrf())
					.with(authentication(principal(Role.READ_ONLY, true))))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(status).as(endpoint.name()).isEqualTo(403);
		}
	}

	/**
	 * Every endpoint that takes an id answers 404 to an admin of another organization. An
	 * endpoint with an id this test does not know fails it, so a new one must say here
	 * which object its id names.
	 */
	@Test
	void objectsOfAnotherOrganizationAreNotFound() throws Exception {
		var other = tenants.createOrganization("Other " + UUID.randomUUID()).id();
		var app = tenants.registerGraphApp(other, "client", new io.vigil.shared.Secret("s"));
		var otherTenant = tenants.connect(other, app, UUID.randomUUID().toString(), "Theirs").id().value();
		var otherUser = accounts
			.create(other, "them-" + UUID.randomUUID() + "@other.example", "Them",
					new io.vigil.shared.Secret("a long enough password"), Role.RESPONDER, null, false, "test")
			.id();
		var otherIncident = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
						  dedup_key, first_seen, last_seen, window_seconds, checklist, detection_latency_ms, created_at, updated_at)
						values (?, ?, ?, 'RULE-1143', 'theirs', 'HIGH', 'NEW', 'account=x', now(), now(), 86400, '[]', 1, now(), now())""")
			.params(otherIncident, other.value(), otherTenant)
			.update();
		var otherRule = UUID.randomUUID();
		jdbc.sql("insert into detection_uploaded_rule (id, organization_id, rule_id, title, yaml, uploaded_by, "
				+ "uploaded_at) values (?, ?, 'theirs', 'theirs', 'title: theirs', 'them', now())")
			.params(otherRule, other.value())
			.update();
		var ids = new java.util.HashMap<String, UUID>();
		ids.put("/rules/tenants/{tenant}/{ruleId}", otherTenant);
		for (var uploadPath : List.of("/admin/rules/uploads/{id}", "/admin/rules/uploads/{id}/enable",
				"/admin/rules/uploads/{id}/discard")) {
			ids.put(uploadPath, otherRule);
		}
		ids.put("/admin/tenants/{id}/disconnect", otherTenant);
		var otherRoute = UUID.randomUUID();
		jdbc.sql("insert into notification_route (id, organization_id, min_severity, audience, recipient, delivery, "
				+ "created_by, created_at) values (?, ?, 'LOW', 'MSP', 'soc@other.example', 'IMMEDIATE', 'them', now())")
			.params(otherRoute, other.value())
			.update();
		var otherWebhook = UUID.randomUUID();
		jdbc.sql("insert into webhook (id, organization_id, kind, url, secret, min_severity, created_by, created_at) "
				+ "values (?, ?, 'GENERIC', 'https://hooks.other.example', '\\x00', 'LOW', 'them', now())")
			.params(otherWebhook, other.value())
			.update();
		var otherNotification = UUID.randomUUID();
		jdbc.sql(
				"insert into notification (id, organization_id, channel, recipient, change, subject, body_text, status, "
						+ "not_before, created_at) values (?, ?, 'EMAIL', 'soc@other.example', 'OPENED', 's', 't', 'SENT', now(), "
						+ "now())")
			.params(otherNotification, other.value())
			.update();
		ids.put("/admin/notifications/routes/{id}/remove", otherRoute);
		ids.put("/admin/notifications/webhooks/{id}/remove", otherWebhook);
		ids.put("/admin/notifications/webhooks/{id}/test", otherWebhook);
		ids.put("/admin/notifications/{id}/resend", otherNotification);
		ids.put("/admin/operations/{tenant}/access", otherTenant);
		ids.put("/incidents/views/{id}/delete", UUID.randomUUID());
		for (var userPath : List.of("/admin/users/{id}/role", "/admin/users/{id}/disable", "/admin/users/{id}/enable",
				"/admin/users/{id}/end-sessions", "/admin/users/{id}/reset-password",
				"/admin/users/{id}/reset-second-factor")) {
			ids.put(userPath, otherUser);
		}
		for (var incidentPath : List.of("/incidents/{id}/verdict", "/incidents/{id}/verdict-review",
				"/incidents/{id}/ask-user", "/incidents/{id}", "/incidents/{id}/checklist/{step}",
				"/incidents/{id}/actions/{action}/confirm", "/incidents/{id}/actions",
				"/incidents/{id}/actions/{actionId}/approve", "/incidents/{id}/suppress", "/incidents/{id}/comments",
				"/incidents/{id}/assignee", "/incidents/{id}/status", "/incidents/{id}/authentication-methods",
				"/incidents/{id}/authentication-methods/confirm", "/incidents/{id}/inbox-rules",
				"/incidents/{id}/inbox-rules/confirm", "/incidents/{id}/account-check")) {
			ids.put(incidentPath, otherIncident);
		}
		var mine = tenants.createOrganization("Mine " + UUID.randomUUID()).id();
		var admin = TestSignIn.token(TestSignIn.as(jdbc, mine, Role.ORG_ADMIN));
		for (var mapping : mappings) {
			for (var entry : mapping.getHandlerMethods().entrySet()) {
				for (var pattern : entry.getKey().getPatternValues()) {
					if (!pattern.contains("{") || pattern.startsWith("/actuator") || pattern.startsWith("/answers/")) {
						continue;
					}
					assertThat(ids).as("which object does " + pattern + " name?").containsKey(pattern);
					var path = pattern.replaceAll("\\{[^}]+}", ids.get(pattern).toString());
					for (var method : entry.getKey().getMethodsCondition().getMethods()) {
						var status = mvc
							.perform(request(HttpMethod.valueOf(method.name()), path).with(csrf())
								.param("role", "READ_ONLY")
								.param("verdict", "us")
								.param("answer", "done")
								.param("action", "BLOCK_SIGN_IN")
								.param("key", "k")
								.param("pick", "x")
								.param("enabled", "false")
								.param("text", "x")
								.param("status", "RESOLVED")
								.param("password", "a long enough password")
								.with(authentication(admin)))
							.andReturn()
							.getResponse()
							.getStatus();
						assertThat(status).as(method + " " + pattern).isEqualTo(404);
					}
				}
			}
		}
		assertThat(tenants.find(other, new ManagedTenantId(otherTenant)).orElseThrow().status().name())
			.as("the other organization's tenant was not disconnected")
			.isNotEqualTo("DISCONNECTED");
	}

	@Test
	void aCustomerAdminSeesOnlyTheirTenantsIncidents() throws Exception {
		var organization = tenants.createOrganization("Two tenants " + UUID.randomUUID()).id();
		var app = tenants.registerGraphApp(organization, "client", new io.vigil.shared.Secret("s"));
		var x = tenants.connect(organization, app, UUID.randomUUID().toString(), "X").id();
		var y = tenants.connect(organization, app, UUID.randomUUID().toString(), "Y").id();
		incident(organization, x, "Incident of tenant X");
		incident(organization, y, "Incident of tenant Y");
		var customer = new VigilUser(UUID.randomUUID(), organization, UUID.randomUUID() + "@x.example", "IT of X",
				Role.TENANT_ADMIN, Set.of(x), false, false);
		var principal = (VigilPrincipal) TestSignIn.principal(jdbc, customer);
		var page = mvc
			.perform(request(HttpMethod.GET, "/incidents").with(authentication(
					UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		assertThat(PageResults.textOf(page)).contains("Incident of tenant X").doesNotContain("Incident of tenant Y");
		var staff = mvc
			.perform(request(HttpMethod.GET, "/incidents")
				.with(authentication(TestSignIn.token(TestSignIn.as(jdbc, organization, Role.READ_ONLY)))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		assertThat(PageResults.textOf(staff)).contains("Incident of tenant X", "Incident of tenant Y");
	}

	@Test
	void aCustomerAdminAnswersOnlyTheirTenantsIncidents() throws Exception {
		var organization = tenants.createOrganization("Verdicts " + UUID.randomUUID()).id();
		var app = tenants.registerGraphApp(organization, "client", new io.vigil.shared.Secret("s"));
		var x = tenants.connect(organization, app, UUID.randomUUID().toString(), "X").id();
		var y = tenants.connect(organization, app, UUID.randomUUID().toString(), "Y").id();
		var ofX = incident(organization, x, "X's");
		var ofY = incident(organization, y, "Y's");
		var customer = new VigilUser(UUID.randomUUID(), organization, UUID.randomUUID() + "@x.example", "IT of X",
				Role.TENANT_ADMIN, Set.of(x), false, false);
		var principal = (VigilPrincipal) TestSignIn.principal(jdbc, customer);
		var token = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
		assertThat(mvc
			.perform(request(HttpMethod.POST, "/incidents/" + ofY + "/verdict").param("verdict", "us")
				.param("reason", "ours")
				.param("confirm", "yes")
				.with(csrf())
				.with(authentication(token)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(request(HttpMethod.POST, "/incidents/" + ofX + "/verdict").param("verdict", "not-us")
				.param("reason", "nobody here was in Singapore")
				.param("confirm", "yes")
				.with(csrf())
				.with(authentication(token)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(302);
		assertThat(jdbc.sql("select status from incident where id = ?").param(ofX).query(String.class).single())
			.isEqualTo("CONFIRMED_COMPROMISE");
		assertThat(jdbc.sql("select status from incident where id = ?").param(ofY).query(String.class).single())
			.isEqualTo("NEW");
		assertThat(mvc
			.perform(request(HttpMethod.POST, "/incidents/" + ofX + "/verdict").param("verdict", "us")
				.with(csrf())
				.with(authentication(TestSignIn.token(TestSignIn.as(jdbc, organization, Role.READ_ONLY)))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	private UUID incident(OrganizationId organization, ManagedTenantId tenant, String title) {
		var id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
						  dedup_key, first_seen, last_seen, window_seconds, checklist, detection_latency_ms, created_at, updated_at)
						values (?, ?, ?, 'RULE-1143', ?, 'HIGH', 'NEW', 'account=x', now(), now(), 86400, '[]', 1, now(), now())""")
			.params(id, organization.value(), tenant.value(), title)
			.update();
		return id;
	}

	record Endpoint(HttpMethod method, String path) {

		String name() {
			return method.name() + " " + path;
		}

	}

	private List<Endpoint> endpoints() {
		var result = new ArrayList<Endpoint>();
		mappings.forEach(mapping -> mapping.getHandlerMethods().forEach((info, handler) -> {
			var methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of(RequestMethod.GET)
					: info.getMethodsCondition().getMethods();
			for (var pattern : info.getPatternValues()) {
				var path = pattern.replace("**", "liveness")
					.replaceAll("\\{\\*[^}]+}", "liveness")
					.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
				for (var method : methods) {
					result.add(new Endpoint(HttpMethod.valueOf(method.name()), path));
				}
			}
		}));
		result.removeIf(endpoint -> endpoint.path().equals("/error"));
		return result;
	}

	private UsernamePasswordAuthenticationToken principal(Role role, boolean secondFactorDone) {
		var scope = role == Role.TENANT_ADMIN ? Set.of(new ManagedTenantId(UUID.randomUUID())) : null;
		var organization = tenants.createOrganization("Endpoints " + UUID.randomUUID()).id();
		var user = new VigilUser(UUID.randomUUID(), organization, role + "-" + UUID.randomUUID() + "@msp.example",
				"Someone", role, scope, true, false);
		TestSignIn.principal(jdbc, user);
		var principal = new VigilPrincipal(user, "", false, secondFactorDone);
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
	}

}
