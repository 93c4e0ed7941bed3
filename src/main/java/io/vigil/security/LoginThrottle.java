package io.vigil.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * Slows password guessing: after {@value #PER_ACCOUNT} failed sign-ins for one account
 * from one client address within {@link #WINDOW}, or {@value #PER_ADDRESS} from one
 * address for any accounts, further attempts of that kind are refused until the window
 * has passed (the per-account lockout handles slow guessing against one account). The
 * client address is the one behind a trusted proxy
 * ({@code server.forward-headers-strategy}), so a proxy's own address never throttles
 * everyone, and keying on the account means one person's typos block nobody else. Per
 * replica, in bounded memory that forgets after the window: a throttle, not a ledger.
 */
@Component
class LoginThrottle {

	static final int PER_ACCOUNT = 20;

	static final int PER_ADDRESS = 100;

	static final Duration WINDOW = Duration.ofMinutes(10);

	private final Cache<String, Deque<Instant>> failures = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(WINDOW)
		.build();

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
			var account = String.valueOf(event.getAuthentication().getName());
			record(details.getRemoteAddress());
			record(details.getRemoteAddress() + "|" + account.toLowerCase(Locale.ROOT));
		}
	}

	private void record(String key) {
		var recent = failures.get(key, any -> new ArrayDeque<>());
		synchronized (recent) {
			recent.addLast(clock.instant());
			prune(recent);
		}
	}

	boolean throttled(String address, String account) {
		return count(address) >= PER_ADDRESS || count(address + "|" + account.toLowerCase(Locale.ROOT)) >= PER_ACCOUNT;
	}

	private int count(String key) {
		var recent = failures.getIfPresent(key);
		if (recent == null) {
			return 0;
		}
		synchronized (recent) {
			prune(recent);
			return recent.size();
		}
	}

	private void prune(Deque<Instant> recent) {
		var since = clock.instant().minus(WINDOW);
		while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
			recent.removeFirst();
		}
	}

	/**
	 * Refuses sign-in attempts (password form) from a throttled address before the
	 * password is checked.
	 */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				var account = String.valueOf(request.getParameter("username"));
				if ("POST".equals(request.getMethod())
						&& (request.getContextPath() + "/login").equals(request.getRequestURI())
						&& throttled(request.getRemoteAddr(), account)) {
					audit.record(null, account, AuditAction.LOGIN_PASSWORD, account, "throttled",
							Map.of("address", request.getRemoteAddr()));
					response.sendRedirect(request.getContextPath() + "/login?error");
					return;
				}
				chain.doFilter(request, response);
			}

		};
	}

}
