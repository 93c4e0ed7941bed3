package io.vigil.security;

import java.util.Arrays;

import io.vigil.response.ResponseAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditActionTests {

	@Test
	void eachActionHasItsOwnCodeAndASentence() {
		assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::code)).doesNotHaveDuplicates()
			.allMatch(code -> code.matches("[a-z-]+(\\.[a-z_-]+)?"));
		assertThat(AuditAction.values()).allSatisfy(action -> {
			assertThat(AuditAction.ofCode(action.code())).contains(action);
			assertThat(action.sentence()).as("follows the person's name").matches("[a-z].*");
		});
		assertThat(AuditAction.ofCode("tenant.renamed")).as("a code no longer written").isEmpty();
	}

	/**
	 * The codes of response actions stay what the log and its filters have always used.
	 */
	@Test
	void everyResponseActionHasItsCode() {
		assertThat(ResponseAction.values()).allSatisfy(
				action -> assertThat(AuditAction.ofCode("response." + action.name().toLowerCase(java.util.Locale.ROOT)))
					.isPresent());
	}

}
