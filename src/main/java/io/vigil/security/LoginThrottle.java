package io.vigil.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing across accounts from one address: after {@value #LIMIT} failed sign-ins within
 * {@link #WINDOW}, further sign-in attempts from that address are refused until the window has passed (the
 * per-account lockout handles guessing against one account). Per replica and in memory: a throttle, not a ledger.
 */
@Component
class LoginThrottle {

	static final int LIMIT = 20;

	static final Duration WINDOW = Duration.ofMinutes(10);

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final AuditLog audit;

	private final Clock clock;

	LoginThrottle(AuditLog audit, Clock clock) {
		this.audit = audit;
		this.clock = clock;
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			var recent = failures.computeIfAbsent(details.getRemoteAddress(), address -> new ArrayDeque<>());
			synchronized (recent) {
				recent.addLast(clock.instant());
				prune(recent);
			}
		}
	}

	boolean throttled(String address) {
		var recent = failures.get(address);
		if (recent == null) {
			return false;
		}
		synchronized (recent) {
			prune(recent);
			return recent.size() >= LIMIT;
		}
	}

	private void prune(Deque<Instant> recent) {
		var since = clock.instant().minus(WINDOW);
		while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
			recent.removeFirst();
		}
	}

	/** Refuses sign-in attempts (password form) from a throttled address before the password is checked. */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				if ("POST".equals(request.getMethod())
						&& (request.getContextPath() + "/login").equals(request.getRequestURI())
						&& throttled(request.getRemoteAddr())) {
					audit.record(null, String.valueOf(request.getParameter("username")), "login.password",
							String.valueOf(request.getParameter("username")), "throttled",
							Map.of("address", request.getRemoteAddr()));
					response.sendRedirect(request.getContextPath() + "/login?error");
					return;
				}
				chain.doFilter(request, response);
			}

		};
	}

}
