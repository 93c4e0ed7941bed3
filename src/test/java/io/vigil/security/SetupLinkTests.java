package io.vigil.security;

import java.util.regex.Pattern;

import io.vigil.PageResults;
import io.vigil.VigilIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A first start on an empty database prints the setup link (the only way an operator
 * without app.security.bootstrap finds it): in full, once, and it works. Its own context,
 * as only the first start of an empty database prints it.
 */
@VigilIntegrationTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "app.security.setup-link-validity=PT2H")
class SetupLinkTests {

	@Autowired
	MockMvc mvc;

	@Test
	void theSetupLinkPrintedAtStartWorks(CapturedOutput output) throws Exception {
		var printed = output.getAll();
		var tokens = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)")
			.matcher(printed)
			.results()
			.map(match -> match.group(1))
			.toList();
		// it was once printed masked, and so useless
		assertThat(tokens).as("one usable link").hasSize(1);
		assertThat(printed).doesNotContain("token=Secret[").contains("valid for PT2H, once");
		mvc.perform(get("/setup").param("token", tokens.getFirst()))
			.andExpect(status().isOk())
			.andExpect(PageResults.text("Create the administrator"));
	}

}
