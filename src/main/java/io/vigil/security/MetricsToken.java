package io.vigil.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Prometheus scraper presents {@code Authorization: Bearer <app.metrics.token>} for
 * {@code /actuator/prometheus} (and nothing else): it gets the metrics role for that one
 * request, no session. Without a configured token only a signed-in organization admin
 * reads the metrics; anonymous requests never do.
 */
class MetricsToken extends OncePerRequestFilter {

	static final String ROLE = "METRICS";

	private final byte[] token;

	MetricsToken(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return token.length == 0 || !request.getRequestURI().equals(request.getContextPath() + "/actuator/prometheus");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var header = request.getHeader("Authorization");
		if (header != null && header.startsWith("Bearer ") && MessageDigest.isEqual(token,
				header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8))) {
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics scraper", null,
					List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
