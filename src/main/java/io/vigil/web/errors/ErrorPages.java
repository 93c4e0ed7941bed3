package io.vigil.web.errors;

import java.util.HashMap;
import java.util.Map;

import io.vigil.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error a browser meets is a page in Vigil's layout that says what happened and
 * where to go from there: never Spring's Whitelabel page, never a stack trace or an
 * exception's message (they can carry internals).
 */
@Component
class ErrorPages implements ErrorViewResolver {

	record Explanation(String title, String text) {
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		var view = new HashMap<String, Object>();
		view.put("status", status.value());
		view.put("explanation", explain(status));
		CurrentUser.get().ifPresent(user -> view.put("user", user));
		return new ModelAndView("errors/page", view, status);
	}

	static Explanation explain(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> new Explanation("The request could not be read",
					"A link or form sent something Vigil does not understand. Go back and try again.");
			case UNAUTHORIZED, FORBIDDEN -> new Explanation("You may not open this",
					"Your role does not allow this page or change. Ask an organization admin if you need it.");
			case NOT_FOUND -> new Explanation("Nothing here",
					"This page or incident does not exist, or it belongs to a tenant you cannot see.");
			case METHOD_NOT_ALLOWED ->
				new Explanation("That cannot be done here", "This address does not take that kind of request.");
			case PAYLOAD_TOO_LARGE -> new Explanation("Too large", "What you sent is larger than Vigil accepts.");
			case TOO_MANY_REQUESTS -> new Explanation("Too many requests", "Wait a moment and try again.");
			default -> status.is5xxServerError()
					? new Explanation("Something went wrong on our side",
							"Vigil could not finish this. Nothing you did caused it; try again in a moment.")
					: new Explanation("That did not work", "Go back and try again.");
		};
	}

}
