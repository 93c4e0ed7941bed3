package io.vigil.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The step after the password: the signed-in principal that still needs its second
 * factor, and raising the session to full access once the factor is verified (with a new
 * session id, as after any change of privilege).
 */
@Component
public class SecondFactor {

	private final Accounts accounts;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	SecondFactor(Accounts accounts) {
		this.accounts = accounts;
	}

	/**
	 * The user who entered a correct password and still owes a second factor (or an
	 * enrolment).
	 */
	public VigilUser pendingUser() {
		var authentication = holder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof VigilPrincipal principal) {
			return principal.user();
		}
		throw new IllegalStateException("nobody is signing in");
	}

	/** Verifies the code; on success the session gets full access. */
	public boolean verify(String code, HttpServletRequest request, HttpServletResponse response) {
		var user = pendingUser();
		if (!accounts.verifySecondFactor(user.id(), code)) {
			return false;
		}
		grantFullAccess(request, response);
		return true;
	}

	/** After an enrolment confirmed with a valid code. */
	public void grantFullAccess(HttpServletRequest request, HttpServletResponse response) {
		var principal = (VigilPrincipal) holder.getContext().getAuthentication().getPrincipal();
		var enrolled = new VigilUser(principal.user().id(), principal.user().organizationId(), principal.user().email(),
				principal.user().displayName(), principal.user().role(), principal.user().tenantScope(), true,
				principal.user().demo());
		var full = new VigilPrincipal(enrolled, "", false, true, false, principal.sessionEpoch());
		var context = holder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(full, null, full.getAuthorities()));
		request.changeSessionId();
		holder.setContext(context);
		contexts.saveContext(context, request, response);
	}

}
