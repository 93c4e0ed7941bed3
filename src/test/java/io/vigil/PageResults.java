package io.vigil;

import java.io.UnsupportedEncodingException;

import org.jsoup.Jsoup;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MockMvc expectations on a page as a person reads it: parsed with jsoup, so markup,
 * entities and whitespace in the HTML do not decide whether words are there.
 */
public final class PageResults {

	private PageResults() {
	}

	/** The page shows these words in one of its error messages (class {@code error}). */
	public static ResultMatcher error(String words) {
		return result -> assertThat(Jsoup.parse(result.getResponse().getContentAsString()).select(".error").eachText())
			.as("the page's errors")
			.anyMatch(error -> error.contains(words));
	}

	/** What a person reads on the page that answered. */
	public static String textOf(MockHttpServletResponse response) throws UnsupportedEncodingException {
		return Jsoup.parse(response.getContentAsString()).text();
	}

	/** The page's visible text holds these words. */
	public static ResultMatcher text(String words) {
		return result -> assertThat(Jsoup.parse(result.getResponse().getContentAsString()).text()).contains(words);
	}

}
