package io.vigil.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authorization read fresh on every request: the signed-in account is read again (one
 * primary-key lookup), so a changed role or tenant scope applies to open sessions at
 * once, and a disabled account, a reset password or second factor, or "end sessions"
 * (each moves the account's session epoch on) ends them.
 */
class SessionFreshness extends OncePerRequestFilter {

	private final AccountRepository accounts;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SessionFreshness(AccountRepository accounts) {
		this.accounts = accounts;
	}

	/**
	 * Style sheets, scripts and the icon change nothing and show nothing: no account read
	 * for them.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		var path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.ico");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var authentication = holder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof VigilPrincipal principal) {
			var account = accounts.find(principal.user().id()).orElse(null);
			if (account == null || account.disabled() || account.sessionEpoch() != principal.sessionEpoch()) {
				end(request, response);
				return;
			}
			if (!account.user().equals(principal.user())) {
				refresh(principal.withUser(account.user()), request, response);
			}
			// the signed-in person's organization in every log line of this request
			try (var organization = org.slf4j.MDC.putCloseable("organization",
					account.user().organizationId().value().toString())) {
				chain.doFilter(request, response);
			}
			return;
		}
		chain.doFilter(request, response);
	}

	private void refresh(VigilPrincipal fresh, HttpServletRequest request, HttpServletResponse response) {
		var context = holder.createEmptyContext();
		context
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
		holder.setContext(context);
		contexts.saveContext(context, request, response);
	}

	private void end(HttpServletRequest request, HttpServletResponse response) throws IOException {
		var session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		holder.clearContext();
		if ("GET".equals(request.getMethod())) {
			response.sendRedirect(request.getContextPath() + "/login?ended");
		}
		else {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Your session has ended; sign in again");
		}
	}

}
