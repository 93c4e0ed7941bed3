package io.vigil.web.errors;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every status gets the app's error page with words of its own; nothing of the exception
 * reaches the model.
 */
class ErrorPagesTests {

	@Test
	void statusesInWordsAndNothingOfTheException() {
		var pages = new ErrorPages();
		var view = pages.resolveErrorView(new MockHttpServletRequest(), HttpStatus.INTERNAL_SERVER_ERROR,
				Map.of("exception", "java.lang.IllegalStateException", "trace", "at io.vigil...", "message", "secret"));
		assertThat(view.getViewName()).isEqualTo("errors/page");
		assertThat(view.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(view.getModel()).containsOnlyKeys("status", "explanation");
		assertThat(ErrorPages.explain(HttpStatus.INTERNAL_SERVER_ERROR).title())
			.isEqualTo("Something went wrong on our side");
		assertThat(ErrorPages.explain(HttpStatus.BAD_GATEWAY).title()).isEqualTo("Something went wrong on our side");
		assertThat(ErrorPages.explain(HttpStatus.FORBIDDEN).title()).isEqualTo("You may not open this");
		assertThat(ErrorPages.explain(HttpStatus.NOT_FOUND).title()).isEqualTo("Nothing here");
		assertThat(ErrorPages.explain(HttpStatus.BAD_REQUEST).title()).isEqualTo("The request could not be read");
		assertThat(ErrorPages.explain(HttpStatus.I_AM_A_TEAPOT).title()).isEqualTo("That did not work");
	}

}
