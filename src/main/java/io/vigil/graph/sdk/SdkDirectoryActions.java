package io.vigil.graph.sdk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.vigil.graph.AuthenticationMethod;
import io.vigil.graph.AuthenticationMethodKind;
import io.vigil.graph.DirectoryActions;
import io.vigil.graph.InboxRule;
import io.vigil.graph.DirectoryUser;
import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.GraphException;
import io.vigil.graph.GraphRequestRefused;
import io.vigil.graph.GraphRetryLater;
import io.vigil.graph.GraphUnavailable;
import io.vigil.graph.http.GraphEndpoints;
import io.vigil.graph.http.MsalTokenSource;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.Secret;
import okhttp3.OkHttpClient;

/**
 * {@link DirectoryActions} with the Microsoft Graph Java SDK: one client per tenant and
 * app, authenticated with the same msal4j tokens as the poller, pointed at the configured
 * Graph host (the simulator's in demo mode and tests). The SDK's own retries are off: a
 * containment action is answered at once, success or failure, never after minutes of
 * blocked retries; the analyst decides whether to try again.
 */
public final class SdkDirectoryActions implements DirectoryActions {

	private final GraphEndpoints endpoints;

	private final MsalTokenSource tokens;

	/**
	 * One client per {@link GraphCredentials#clientKey()}: organization, tenant, app and
	 * credential.
	 */
	private final Cache<String, GraphServiceClient> clients = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	public SdkDirectoryActions(GraphEndpoints endpoints, MsalTokenSource tokens) {
		this.endpoints = endpoints;
		this.tokens = tokens;
	}

	@Override
	public DirectoryUser user(GraphCredentials credentials, String userId) {
		return call(() -> {
			var client = client(credentials);
			var user = client.users()
				.byUserId(userId)
				.get(request -> request.queryParameters.select = new String[] { "id", "userPrincipalName",
						"displayName", "accountEnabled" });
			var roles = new ArrayList<String>();
			var memberships = client.users().byUserId(userId).memberOf().graphDirectoryRole().get();
			if (memberships != null && memberships.getValue() != null) {
				memberships.getValue().forEach(role -> roles.add(String.valueOf(role.getDisplayName())));
			}
			return new DirectoryUser(user.getId(), user.getUserPrincipalName(), user.getDisplayName(),
					!Boolean.FALSE.equals(user.getAccountEnabled()), roles);
		});
	}

	@Override
	public void revokeSessions(GraphCredentials credentials, String userId) {
		call(() -> client(credentials).users().byUserId(userId).revokeSignInSessions().post());
	}

	@Override
	public void setAccountEnabled(GraphCredentials credentials, String userId, boolean enabled) {
		var change = new User();
		change.setAccountEnabled(enabled);
		call(() -> client(credentials).users().byUserId(userId).patch(change));
	}

	@Override
	public void resetPassword(GraphCredentials credentials, String userId, Secret temporaryPassword) {
		var profile = new PasswordProfile();
		profile.setForceChangePasswordNextSignIn(true);
		profile.setPassword(temporaryPassword.reveal());
		var change = new User();
		change.setPasswordProfile(profile);
		call(() -> client(credentials).users().byUserId(userId).patch(change));
	}

	@Override
	public List<AuthenticationMethod> authenticationMethods(GraphCredentials credentials, String userId) {
		return call(() -> SdkAuthenticationMethods.list(client(credentials), userId));
	}

	@Override
	public void removeAuthenticationMethod(GraphCredentials credentials, String userId, AuthenticationMethodKind kind,
			String methodId) {
		if (!kind.removable()) {
			throw new IllegalArgumentException(kind.label() + " cannot be removed, only reset");
		}
		call(() -> SdkAuthenticationMethods.remove(client(credentials), userId, kind, methodId));
	}

	@Override
	public List<InboxRule> inboxRules(GraphCredentials credentials, String userId) {
		return call(() -> SdkInboxRules.list(client(credentials), userId));
	}

	@Override
	public void disableInboxRule(GraphCredentials credentials, String userId, String ruleId) {
		call(() -> SdkInboxRules.disable(client(credentials), userId, ruleId));
	}

	private GraphServiceClient client(GraphCredentials credentials) {
		return clients.get(credentials.clientKey(), key -> newClient(credentials));
	}

	private GraphServiceClient newClient(GraphCredentials credentials) {
		var host = endpoints.graphBaseUrl().getHost();
		var auth = new BaseBearerTokenAuthenticationProvider(new AccessTokenProvider() {

			private final AllowedHostsValidator hosts = new AllowedHostsValidator(host);

			@Override
			public String getAuthorizationToken(java.net.URI uri, java.util.Map<String, Object> context) {
				// the token goes only to the configured Graph host
				return hosts.isUrlHostValid(uri) ? tokens.accessToken(credentials) : "";
			}

			@Override
			public AllowedHostsValidator getAllowedHostsValidator() {
				return hosts;
			}

		});
		OkHttpClient http = GraphClientFactory
			.create(new com.microsoft.kiota.RequestOption[] {
					new RetryHandlerOption((delay, attempt, request, response) -> false, 0, 0) })
			.sslSocketFactory(endpoints.sslContext().getSocketFactory(), endpoints.x509TrustManager())
			.callTimeout(endpoints.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.build();
		var client = new GraphServiceClient(auth, http);
		client.getRequestAdapter().setBaseUrl(endpoints.graphBaseUrl().toString().replaceAll("/+$", "") + "/v1.0");
		return client;
	}

	private <T> T call(java.util.function.Supplier<T> request) {
		try {
			return request.get();
		}
		catch (ApiException ex) {
			throw translate(ex);
		}
		catch (GraphException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// a token failure inside the SDK's authentication arrives wrapped
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof GraphException graph) {
					throw graph;
				}
				if (cause instanceof ApiException api) {
					throw translate(api);
				}
			}
			throw new GraphUnavailable("Microsoft Graph did not answer: " + ex.getMessage(), ex);
		}
	}

	private void call(Runnable request) {
		call(() -> {
			request.run();
			return null;
		});
	}

	/** Graph's Retry-After in seconds (10 when it sent none or a date). */
	private static long retryAfterSeconds(ApiException ex) {
		var headers = ex.getResponseHeaders();
		var values = headers == null ? null : headers.get("Retry-After");
		if (values == null || values.isEmpty()) {
			values = headers == null ? null : headers.get("retry-after");
		}
		try {
			return values == null || values.isEmpty() ? 10
					: Math.max(1, Long.parseLong(values.iterator().next().strip()));
		}
		catch (NumberFormatException notSeconds) {
			return 10;
		}
	}

	private static GraphException translate(ApiException ex) {
		var code = "unknown";
		var message = ex.getMessage();
		if (ex instanceof ODataError error && error.getError() != null) {
			code = String.valueOf(error.getError().getCode());
			message = String.valueOf(error.getError().getMessage());
		}
		var status = ex.getResponseStatusCode();
		return switch (status) {
			case 401, 403 -> new GraphAccessDenied(GraphAccessDenied.Reason.PERMISSION_MISSING, code, message);
			case 429 -> new GraphRetryLater(Instant.now().plusSeconds(retryAfterSeconds(ex)), true, message);
			case 400, 404 -> new GraphRequestRefused(status, code, message);
			default -> new GraphUnavailable("Microsoft Graph answered " + status + ": " + message, ex);
		};
	}

}
