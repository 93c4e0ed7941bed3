package io.vigil.web.incidents;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInErrorsTests {

	final SignInErrors errors = new SignInErrors();

	@Test
	void knownCodesInWordsOthersAsNumbers() {
		assertThat(errors.words(0)).isEqualTo("success");
		assertThat(errors.words(50126)).isEqualTo("wrong username or password (50126)");
		assertThat(errors.words(53003L)).isEqualTo("blocked by Conditional Access (53003)");
		assertThat(errors.words(12345)).isEqualTo("error 12345");
		assertThat(errors.words(null)).isEmpty();
		assertThat(errors.words("50126")).as("a code that is not a number is not interpreted").isEmpty();
	}

}
