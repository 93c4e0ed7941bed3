package io.vigil.web;

import io.vigil.SimulatedOrganization;
import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every page is one of two layouts around its own {@code <main>}: signed-in pages carry
 * the header with its menus, the pages before sign-in and the customers' answer pages do
 * not. Each has its title, the stylesheet and the script, and exactly one header and
 * main.
 */
@VigilIntegrationTest
class PageLayoutTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	SimulatedOrganization msp;

	@BeforeEach
	void anOrganization() {
		msp = simulation.organization("Layout MSP");
	}

	@ParameterizedTest
	@CsvSource({ "/, Dashboard", "/incidents, Incidents", "/tenants, Tenants", "/rules, Rules",
			"/suppressions, Suppressions", "/admin/users, People", "/admin/notifications, Notifications",
			"/admin/audit, Audit log", "/admin/retention, Data retention", "/admin/operations, Operations",
			"/account/password, Your password" })
	void signedInPagesHaveTheHeader(String path, String title) throws Exception {
		var admin = TestSignIn.token(msp.signIn(Role.ORG_ADMIN));
		var page = page(get(path).with(authentication(admin)), 200);
		assertThat(page.title()).isEqualTo(title + " · Vigil");
		assertThat(page.select("body > header.top")).hasSize(1);
		assertThat(page.select("#admin-menu a").eachAttr("href")).contains("/admin/users", "/admin/audit");
		assertThat(page.select("main")).hasSize(1);
		assertThat(page.select("body > main")).hasSize(1);
		assertShared(page);
	}

	@ParameterizedTest
	@CsvSource({ "/login, Sign in",
			"/answers/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000001?s=00, Link not valid" })
	void pagesBeforeSignInHaveNone(String path, String title) throws Exception {
		var page = page(get(path), path.startsWith("/answers") ? 410 : 200);
		assertThat(page.title()).isEqualTo(title + " · Vigil");
		assertThat(page.select("header")).isEmpty();
		assertThat(page.select("body > main.narrow")).hasSize(1);
		assertShared(page);
	}

	private static void assertShared(Document page) {
		assertThat(page.select("html").attr("lang")).isEqualTo("en");
		assertThat(page.select("head link[rel=stylesheet]").attr("href")).matches("/app/vigil-[0-9a-f]{32}\\.css");
		assertThat(page.select("head script[type=module]").attr("src")).matches("/app/vigil-[0-9a-f]{32}\\.js");
		assertThat(page.html()).doesNotContain("th:");
	}

	private Document page(MockHttpServletRequestBuilder request, int status) throws Exception {
		var response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(status);
		return Jsoup.parse(response.getContentAsString());
	}

}
