package io.vigil.security;

import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The pieces of the Entra ID sign-in: the person's email as {@code login_hint}, the code
 * exchange and the ID-token keys over the TLS trust of the graph module, and the switch
 * from Entra's identity to the Vigil account.
 */
final class SingleSignOnFlow {

	private SingleSignOnFlow() {
	}

	static OAuth2AuthorizationRequestResolver withLoginHint(ClientRegistrationRepository registrations) {
		var defaults = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				return hinted(defaults.resolve(request), request);
			}

			@Override
			public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
				return hinted(defaults.resolve(request, registrationId), request);
			}

		};
	}

	private static @Nullable OAuth2AuthorizationRequest hinted(@Nullable OAuth2AuthorizationRequest authorization,
			HttpServletRequest request) {
		var hint = request.getParameter("login_hint");
		if (authorization == null || hint == null) {
			return authorization;
		}
		Map<String, Object> parameters = new HashMap<>(authorization.getAdditionalParameters());
		parameters.put("login_hint", hint);
		return OAuth2AuthorizationRequest.from(authorization).additionalParameters(parameters).build();
	}

	static OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient(HttpClient entraHttp) {
		var client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(entraHttp))
			.messageConverters(converters -> {
				converters.clear();
				converters.add(new FormHttpMessageConverter());
				converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		return client;
	}

	static JwtDecoderFactory<ClientRegistration> idTokenDecoders(HttpClient entraHttp) {
		var http = new RestTemplate(new JdkClientHttpRequestFactory(entraHttp));
		return registration -> {
			var decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
				.restOperations(http)
				.build();
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
					new OidcIdTokenValidator(registration)));
			return decoder;
		};
	}

	/**
	 * Why Entra's sign-in failed goes to the log (without tokens); the person sees a
	 * plain message.
	 */
	static org.springframework.security.web.authentication.AuthenticationFailureHandler failed() {
		return (request, response, exception) -> {
			org.slf4j.LoggerFactory.getLogger(SingleSignOnFlow.class)
				.warn("Single sign-on with Entra ID failed: {}", exception.getMessage());
			response.sendRedirect(request.getContextPath() + "/login?sso-failed");
		};
	}

	/** Where a signed-in person's link request waits while they sign in at Entra. */
	static final String LINKING = SingleSignOnFlow.class.getName() + ".linking";

	/**
	 * Entra vouched for the person. When they started a link from their account page, the
	 * Entra identity is linked to that (fully signed-in) account and their Vigil session
	 * goes on; otherwise they are signed in as the account linked to the identity, and
	 * asked for Vigil's second factor unless Entra's token says MFA was used.
	 */
	static AuthenticationSuccessHandler afterEntra(SingleSignOn singleSignOn) {
		var contexts = new HttpSessionSecurityContextRepository();
		return (request, response, authentication) -> {
			var token = (OAuth2AuthenticationToken) authentication;
			var entraUser = (OidcUser) token.getPrincipal();
			var session = request.getSession(false);
			var linking = session == null ? null : session.getAttribute(LINKING);
			var context = SecurityContextHolder.createEmptyContext();
			if (linking instanceof org.springframework.security.core.Authentication signedIn
					&& signedIn.getPrincipal() instanceof VigilPrincipal person) {
				session.removeAttribute(LINKING);
				var problem = singleSignOn.link(person.user(), token.getAuthorizedClientRegistrationId(), entraUser);
				context.setAuthentication(signedIn);
				SecurityContextHolder.setContext(context);
				contexts.saveContext(context, request, response);
				response.sendRedirect(
						request.getContextPath() + "/account/sso" + (problem == null ? "?linked" : "?link-failed="
								+ java.net.URLEncoder.encode(problem, java.nio.charset.StandardCharsets.UTF_8)));
				return;
			}
			var principal = singleSignOn.principalFor(token.getAuthorizedClientRegistrationId(), entraUser);
			if (principal.isEmpty()) {
				SecurityContextHolder.clearContext();
				contexts.saveContext(context, request, response);
				response.sendRedirect(request.getContextPath() + "/login?sso-unknown");
				return;
			}
			var signedIn = principal.get();
			context.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(signedIn, null, signedIn.getAuthorities()));
			request.changeSessionId();
			SecurityContextHolder.setContext(context);
			contexts.saveContext(context, request, response);
			var next = !signedIn.needsSecondFactor() || signedIn.secondFactorDone() ? "/"
					: signedIn.user().totpEnabled() ? "/login/second-factor" : "/account/second-factor/enrol";
			response.sendRedirect(request.getContextPath() + next);
		};
	}

}
