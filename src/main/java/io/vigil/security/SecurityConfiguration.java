package io.vigil.security;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.vigil.graph.EntraSignIn;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The filter chain: form sign-in, then the second factor before anything else opens;
 * roles on URLs (and again in the services); CSRF on every state change; a session id
 * that changes at sign-in and at the second factor, idle and absolute timeouts; and
 * headers that keep pages from being framed, sniffed or running inline script.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SecurityConfiguration {

	/**
	 * No inline script or style, no framing. Forms may lead to Entra ID's sign-in host
	 * too: the admin-consent and single sign-on forms redirect there, and browsers hold
	 * redirects after a form to {@code form-action}.
	 */
	static String contentSecurityPolicy(EntraSignIn entra) {
		var login = entra.loginBaseUrl();
		var origin = login.getScheme() + "://" + login.getAuthority();
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
				+ "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' " + origin
				+ "; frame-ancestors 'none'";
	}

	// /answers/**: the one-click answers of customer emails, checked by their signature
	// (see AnswerLinks)
	private static final String[] PUBLIC = { "/login", "/login/sso", "/setup", "/answers/**", "/app/**", "/favicon.svg",
			"/favicon.ico", "/error", "/actuator/health", "/actuator/health/**", "/actuator/info" };

	private static final String[] SECOND_FACTOR = { "/login/second-factor", "/account/second-factor/enrol" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecuritySettings settings, Clock clock,
			EntraSignIn entra, SsoClientRegistrations registrations, SingleSignOn singleSignOn, LoginThrottle throttle,
			AccountRepository accounts, org.springframework.core.env.Environment environment,
			HttpClient entraHttpClient) throws Exception {
		http.authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC)
			.permitAll()
			.requestMatchers(SECOND_FACTOR)
			.hasAuthority(VigilPrincipal.PASSWORD)
			.requestMatchers("/admin/**")
			.hasRole(Role.ORG_ADMIN.name())
			// metrics: a scraper with the metrics token, or an organization admin; never
			// anonymous
			.requestMatchers("/actuator/prometheus")
			.hasAnyRole(MetricsToken.ROLE, Role.ORG_ADMIN.name())
			.requestMatchers(HttpMethod.POST, "/logout")
			.authenticated()
			// everyone signed in changes their own password and keeps their own queue
			// views
			.requestMatchers(HttpMethod.POST, "/account/password", "/account/sso/link", "/account/sso/unlink",
					"/incidents/views", "/incidents/views/*/delete")
			.hasAnyRole(Role.ORG_ADMIN.name(), Role.RESPONDER.name(), Role.READ_ONLY.name(), Role.TENANT_ADMIN.name())
			// a customer's admin confirms or dismisses their tenant's incidents, and
			// nothing else
			.requestMatchers(HttpMethod.POST, "/incidents/*/verdict")
			.hasAnyRole(Role.ORG_ADMIN.name(), Role.RESPONDER.name(), Role.TENANT_ADMIN.name())
			// every other change (incidents, response actions) is for responders;
			// read-only users change nothing
			.requestMatchers(HttpMethod.POST, "/**")
			.hasAnyRole(Role.ORG_ADMIN.name(), Role.RESPONDER.name())
			.anyRequest()
			.hasAnyRole(Role.ORG_ADMIN.name(), Role.RESPONDER.name(), Role.READ_ONLY.name(), Role.TENANT_ADMIN.name()))
			.formLogin(form -> form.loginPage("/login").successHandler(afterPassword()).failureUrl("/login?error"))
			.oauth2Login(oauth -> oauth.loginPage("/login")
				.clientRegistrationRepository(registrations)
				.authorizationEndpoint(authorization -> authorization
					.authorizationRequestResolver(SingleSignOnFlow.withLoginHint(registrations)))
				.tokenEndpoint(token -> token.accessTokenResponseClient(SingleSignOnFlow.tokenClient(entraHttpClient)))
				.successHandler(SingleSignOnFlow.afterEntra(singleSignOn))
				.failureHandler(SingleSignOnFlow.failed()))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
			.exceptionHandling(errors -> errors.accessDeniedHandler(SecurityConfiguration::accessDenied))
			.sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(entra)))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
			.addFilterAfter(new AbsoluteSessionTimeout(settings, clock),
					org.springframework.security.web.context.SecurityContextHolderFilter.class)
			.addFilterBefore(new MetricsToken(environment.getProperty("app.metrics.token", "")),
					org.springframework.security.web.authentication.logout.LogoutFilter.class)
			.addFilterBefore(new SessionFreshness(accounts),
					org.springframework.security.web.authentication.logout.LogoutFilter.class)
			.addFilterBefore(throttle.filter(),
					org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * After a correct password: the second factor (or its enrolment) first, unless none
	 * is needed.
	 */
	private static AuthenticationSuccessHandler afterPassword() {
		return (request, response, authentication) -> {
			var principal = (VigilPrincipal) authentication.getPrincipal();
			if (!principal.needsSecondFactor()) {
				response.sendRedirect(request.getContextPath() + "/");
			}
			else if (principal.user().totpEnabled()) {
				response.sendRedirect(request.getContextPath() + "/login/second-factor");
			}
			else {
				response.sendRedirect(request.getContextPath() + "/account/second-factor/enrol");
			}
		};
	}

	/**
	 * Someone between password and second factor is sent to finish signing in; anyone
	 * else gets a 403.
	 */
	private static void accessDenied(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.access.AccessDeniedException denied) throws IOException, ServletException {
		var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
			.getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof VigilPrincipal principal
				&& principal.needsSecondFactor() && !principal.secondFactorDone()
				&& "GET".equals(request.getMethod())) {
			response.sendRedirect(request.getContextPath()
					+ (principal.user().totpEnabled() ? "/login/second-factor" : "/account/second-factor/enrol"));
			return;
		}
		new AccessDeniedHandlerImpl().handle(request, response, denied);
	}

	/**
	 * Entra's ID tokens, checked with keys fetched over the same TLS trust as Graph (the
	 * simulator's in demo).
	 */
	@Bean
	org.springframework.security.oauth2.jwt.JwtDecoderFactory<org.springframework.security.oauth2.client.registration.ClientRegistration> idTokenDecoderFactory(
			HttpClient entraHttpClient) {
		return SingleSignOnFlow.idTokenDecoders(entraHttpClient);
	}

	/**
	 * Entra's token and key endpoints over the same TLS trust as Graph (the simulator's
	 * in demo); its connections end with the application.
	 */
	@Bean(destroyMethod = "shutdownNow")
	HttpClient entraHttpClient(EntraSignIn entra) {
		return HttpClient.newBuilder().sslContext(entra.sslContext()).build();
	}

	@Bean
	AuthenticationEventPublisher authenticationEventPublisher(
			org.springframework.context.ApplicationEventPublisher publisher) {
		return new DefaultAuthenticationEventPublisher(publisher);
	}

	/**
	 * Ends a session a fixed time after sign-in, however active it is (the idle timeout
	 * is the container's).
	 */
	static final class AbsoluteSessionTimeout extends OncePerRequestFilter {

		private static final String STARTED = AbsoluteSessionTimeout.class.getName() + ".started";

		private final SecuritySettings settings;

		private final Clock clock;

		AbsoluteSessionTimeout(SecuritySettings settings, Clock clock) {
			this.settings = settings;
			this.clock = clock;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			var session = request.getSession(false);
			if (session != null) {
				var started = (Long) session.getAttribute(STARTED);
				var now = clock.millis();
				if (started == null) {
					session.setAttribute(STARTED, now);
				}
				else if (now - started > settings.absoluteSessionTimeout().toMillis()) {
					session.invalidate();
					org.springframework.security.core.context.SecurityContextHolder.clearContext();
					response.sendRedirect(request.getContextPath() + "/login?expired");
					return;
				}
			}
			chain.doFilter(request, response);
		}

	}

}
