package io.vigil.graph;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import io.vigil.graph.TenantAccessReport.Licence;
import io.vigil.graph.http.GraphEndpoints;
import io.vigil.graph.http.MsalTokenSource;
import io.vigil.shared.GraphCredentials;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connecting a customer tenant: the admin-consent link for its administrator, and the
 * check afterwards of what was granted: the application permissions in the token Entra
 * issues (its {@code roles}), and whether the tenant's licence lets Graph list sign-ins.
 */
public class TenantAccess {

	private final GraphEndpoints endpoints;

	private final MsalTokenSource tokens;

	private final SignInFeed signIns;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	TenantAccess(GraphEndpoints endpoints, MsalTokenSource tokens, SignInFeed signIns, Clock clock) {
		this.endpoints = endpoints;
		this.tokens = tokens;
		this.signIns = signIns;
		this.clock = clock;
	}

	/**
	 * Entra's admin-consent URL for the app in the tenant (its id or a verified domain);
	 * Entra sends the admin back to {@code redirectUri} with {@code admin_consent},
	 * {@code tenant} and {@code state}, or with {@code error}.
	 */
	public URI adminConsentUrl(String clientId, String tenant, URI redirectUri, String state) {
		return URI.create(endpoints.loginBaseUrl().toString().replaceAll("/+$", "") + "/" + encode(tenant)
				+ "/v2.0/adminconsent?client_id=" + encode(clientId) + "&scope="
				+ encode("https://graph.microsoft.com/.default") + "&redirect_uri=" + encode(redirectUri.toString())
				+ "&state=" + encode(state));
	}

	public TenantAccessReport check(GraphCredentials credentials) {
		String token;
		try {
			token = tokens.accessToken(credentials);
		}
		catch (GraphException ex) {
			return new TenantAccessReport(false, EnumSet.noneOf(GraphPermission.class),
					EnumSet.allOf(GraphPermission.class), Licence.UNKNOWN, ex.getMessage());
		}
		var roles = roles(token);
		var granted = EnumSet.noneOf(GraphPermission.class);
		var missing = EnumSet.noneOf(GraphPermission.class);
		for (var permission : GraphPermission.values()) {
			(permission.grantedBy(roles) ? granted : missing).add(permission);
		}
		if (!granted.contains(GraphPermission.SIGN_IN_LOGS)) {
			return new TenantAccessReport(true, granted, missing, Licence.UNKNOWN,
					"Without AuditLog.Read.All Vigil cannot read sign-in logs");
		}
		try {
			testCall(credentials);
			return new TenantAccessReport(true, granted, missing, Licence.LICENSED, null);
		}
		catch (GraphAccessDenied ex) {
			if (ex.reason() == GraphAccessDenied.Reason.LICENCE_REQUIRED) {
				return new TenantAccessReport(true, granted, missing, Licence.UNLICENSED, ex.getMessage());
			}
			granted.remove(GraphPermission.SIGN_IN_LOGS);
			missing.add(GraphPermission.SIGN_IN_LOGS);
			return new TenantAccessReport(true, granted, missing, Licence.UNKNOWN, ex.getMessage());
		}
		catch (GraphException ex) {
			return new TenantAccessReport(true, granted, missing, Licence.UNKNOWN, ex.getMessage());
		}
	}

	/**
	 * One sign-in, to learn whether the licence allows the log. The tenant's request
	 * budget is shared with its poller (an admin reconnecting a polled tenant): wait for
	 * it a few seconds rather than report "unknown".
	 */
	private void testCall(GraphCredentials credentials) {
		for (int attempt = 1;; attempt++) {
			try {
				var now = clock.instant();
				signIns.firstPage(credentials,
						new SignInQuery(SignInEventType.INTERACTIVE_USER, now.minus(Duration.ofHours(1)), now, 1),
						io.vigil.shared.MemberSelection.of(java.util.List.of()));
				return;
			}
			catch (GraphRetryLater ex) {
				var wait = Duration.between(clock.instant(), ex.retryAt());
				if (attempt == 3 || wait.compareTo(Duration.ofSeconds(10)) > 0) {
					throw ex;
				}
				pause(wait);
			}
		}
	}

	private static void pause(Duration wait) {
		try {
			Thread.sleep(Math.max(0, wait.toMillis()) + 50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GraphUnavailable("interrupted while waiting for the Graph budget", ex);
		}
	}

	/**
	 * The application permissions in an app-only access token (a JWT; its signature is
	 * Entra's business).
	 */
	private List<String> roles(String token) {
		var parts = token.split("\\.");
		if (parts.length < 2) {
			return List.of();
		}
		var payload = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
		var roles = new ArrayList<String>();
		payload.path("roles").forEach(role -> roles.add(role.asString()));
		return roles;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
