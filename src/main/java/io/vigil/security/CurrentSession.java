package io.vigil.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The session of the current request, kept alive across a change that ends the account's
 * other sessions.
 */
@Component
public class CurrentSession {

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	/**
	 * After the person's own password change: this session takes on the new epoch (with a
	 * new id), others end.
	 */
	public void continueUnderEpoch(int epoch, HttpServletRequest request, HttpServletResponse response) {
		var holder = SecurityContextHolder.getContextHolderStrategy();
		var principal = (VigilPrincipal) holder.getContext().getAuthentication().getPrincipal();
		var next = principal.withSessionEpoch(epoch);
		var context = holder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(next, null, next.getAuthorities()));
		request.changeSessionId();
		holder.setContext(context);
		contexts.saveContext(context, request, response);
	}

}
