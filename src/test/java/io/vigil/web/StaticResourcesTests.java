package io.vigil.web;

import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The front end's files are linked under content-hashed names, served to anyone, and
 * cached for a year.
 */
@VigilIntegrationTest
class StaticResourcesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	@Test
	void pagesLinkVersionedFilesThatAreCachedForAYear() throws Exception {
		var organization = simulation.tenants().createOrganization("Static " + UUID.randomUUID()).id();
		var page = mvc
			.perform(get("/")
				.with(authentication(TestSignIn.token(TestSignIn.as(simulation.jdbc(), organization, Role.READ_ONLY)))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		var html = Jsoup.parse(page);
		var css = html.select("head link[rel=stylesheet]").attr("href");
		assertThat(css).as("a content-hashed stylesheet link").matches("/app/vigil-[0-9a-f]{32}\\.css");
		assertThat(html.select("head script[type=module]").attr("src")).as("a content-hashed script link")
			.matches("/app/vigil-[0-9a-f]{32}\\.js");
		var response = mvc.perform(get(css)).andReturn().getResponse();
		assertThat(response.getStatus()).as("served without signing in").isEqualTo(200);
		assertThat(response.getHeader("Cache-Control")).contains("max-age=31536000", "public");
		assertThat(response.getContentAsString()).contains("--accent");
		assertThat(html.getElementById("nav-incidents").attr("href")).isEqualTo("/incidents");
		assertThat(mvc.perform(get("/favicon.svg")).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(mvc.perform(get("/templates/layout/page.html")).andReturn().getResponse().getStatus())
			.as("nothing else on the classpath is served")
			.isNotEqualTo(200);
	}

}
