package io.vigil.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Starts the explicit linking of the signed-in person's account to their Entra ID
 * identity: only someone who passed Vigil's password and second factor can link, so an
 * Entra identity never takes over an account by itself.
 */
@Component
public class SingleSignOnLinking {

	private final SingleSignOn singleSignOn;

	SingleSignOnLinking(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	/**
	 * @return where to send the browser (Entra's sign-in), or empty when the organization
	 * has no single sign-on
	 */
	public Optional<String> start(HttpServletRequest request) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof VigilPrincipal principal)
				|| (principal.needsSecondFactor() && !principal.secondFactorDone())) {
			throw new org.springframework.security.access.AccessDeniedException("Sign in fully before linking");
		}
		var registration = singleSignOn.registrationOf(principal.user().organizationId());
		registration.ifPresent(id -> request.getSession().setAttribute(SingleSignOnFlow.LINKING, authentication));
		return registration.map(id -> "/oauth2/authorization/" + id + "?login_hint="
				+ java.net.URLEncoder.encode(principal.user().email(), java.nio.charset.StandardCharsets.UTF_8));
	}

}
