package io.vigil.graph.simulator;

import java.io.OutputStream;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a simulated sign-in as a Graph beta {@code signIn} resource, with the fields
 * and nesting of the real one (2-12 KB, mostly from the applied conditional-access
 * policies, as in real tenants).
 */
final class SignInRenderer {

	private static final int MAX_POLICIES = 32;

	private static final String[] POLICY_IDS = new String[MAX_POLICIES];

	private static final String[] POLICY_NAMES = new String[MAX_POLICIES];

	static {
		for (int i = 0; i < MAX_POLICIES; i++) {
			POLICY_IDS[i] = String.format("%08x-04c8-4a25-8252-2b4d7d88228a", i * 7919);
			POLICY_NAMES[i] = String.format(
					"CA%03d - Require multifactor authentication for all users except " + "break-glass accounts", i);
		}
	}

	private final JsonMapper mapper;

	SignInRenderer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Writes the sign-in as UTF-8 JSON; the stream stays open. */
	void render(SimSignIn signIn, String tenantId, OutputStream out) {
		try (var json = mapper.createGenerator(new NonClosing(out))) {
			json.writeStartObject();
			header(json, signIn, tenantId);
			status(json, signIn);
			device(json, signIn);
			location(json, signIn);
			conditionalAccess(json, signIn);
			authentication(json, signIn);
			json.writeEndObject();
		}
	}

	private static void header(JsonGenerator json, SimSignIn signIn, String tenantId) {
		var app = Apps.APPS[signIn.appIndex()];
		json.writeStringProperty("id", signIn.id());
		json.writeStringProperty("createdDateTime",
				signIn.malformed() ? "not-a-timestamp" : DateTimeFormatter.ISO_INSTANT.format(signIn.created()));
		json.writeStringProperty("userDisplayName", signIn.user().displayName());
		json.writeStringProperty("userPrincipalName", signIn.user().userPrincipalName());
		json.writeStringProperty("userId", signIn.user().id());
		json.writeStringProperty("appId", app[0]);
		json.writeStringProperty("appDisplayName", app[1]);
		json.writeStringProperty("ipAddress", signIn.ipAddress());
		json.writeNullProperty("ipAddressFromResourceProvider");
		json.writeStringProperty("clientAppUsed", signIn.clientAppUsed());
		json.writeStringProperty("userAgent", signIn.userAgent());
		json.writeStringProperty("correlationId", signIn.id().substring(0, 24) + "85d844be2f5f");
		json.writeStringProperty("conditionalAccessStatus", signIn.errorCode() == 53003 ? "failure" : "success");
		json.writeStringProperty("originalRequestId", signIn.id());
		json.writeStringProperty("authenticationProtocol", "none");
		json.writeStringProperty("incomingTokenType", "none");
		json.writeBooleanProperty("isInteractive", signIn.eventType().equals("interactiveUser"));
		json.writeStringProperty("tokenIssuerName", "");
		json.writeStringProperty("tokenIssuerType", "AzureAD");
		json.writeNumberProperty("processingTimeInMilliseconds", 80 + signIn.conditionalAccessPolicies() * 7);
		json.writeStringProperty("riskDetail", "none");
		json.writeStringProperty("riskLevelAggregated", signIn.riskLevel());
		json.writeStringProperty("riskLevelDuringSignIn", signIn.riskLevel());
		json.writeStringProperty("riskState", signIn.riskLevel().equals("none") ? "none" : "atRisk");
		json.writeName("riskEventTypes_v2");
		json.writeStartArray();
		json.writeEndArray();
		json.writeStringProperty("resourceDisplayName", app[2]);
		json.writeStringProperty("resourceId", app[3]);
		json.writeStringProperty("resourceTenantId", tenantId);
		json.writeStringProperty("homeTenantId", tenantId);
		json.writeStringProperty("homeTenantName", "");
		json.writeStringProperty("authenticationRequirement", signIn.authenticationRequirement());
		json.writeStringProperty("signInIdentifier", signIn.user().userPrincipalName());
		json.writeStringProperty("signInIdentifierType", "userPrincipalName");
		json.writeName("signInEventTypes");
		json.writeStartArray();
		json.writeString(signIn.eventType());
		json.writeEndArray();
		json.writeStringProperty("servicePrincipalId", "");
		json.writeStringProperty("userType", "member");
		json.writeBooleanProperty("flaggedForReview", false);
		json.writeBooleanProperty("isTenantRestricted", false);
		json.writeNumberProperty("autonomousSystemNumber", signIn.asn());
		json.writeStringProperty("crossTenantAccessType", "none");
		json.writeStringProperty("uniqueTokenIdentifier", signIn.id().replace("-", "").substring(0, 22) + "AA");
		json.writeNullProperty("mfaDetail");
	}

	private static void status(JsonGenerator json, SimSignIn signIn) {
		json.writeName("status");
		json.writeStartObject();
		json.writeNumberProperty("errorCode", signIn.errorCode());
		writeNullable(json, "failureReason", signIn.failureReason());
		writeNullable(json, "additionalDetails", signIn.additionalDetails());
		json.writeEndObject();
	}

	private static void device(JsonGenerator json, SimSignIn signIn) {
		json.writeName("deviceDetail");
		json.writeStartObject();
		json.writeStringProperty("deviceId", "");
		json.writeStringProperty("displayName", "");
		json.writeStringProperty("operatingSystem", signIn.userAgent().contains("iPhone") ? "Ios" : "Windows10");
		json.writeStringProperty("browser", signIn.userAgent().startsWith("axios") ? "" : "Edge 131.0.0");
		json.writeBooleanProperty("isCompliant", false);
		json.writeBooleanProperty("isManaged", false);
		json.writeStringProperty("trustType", "");
		json.writeEndObject();
	}

	private static void location(JsonGenerator json, SimSignIn signIn) {
		json.writeName("location");
		json.writeStartObject();
		json.writeStringProperty("city", signIn.city());
		json.writeStringProperty("state", signIn.state());
		json.writeStringProperty("countryOrRegion", signIn.country());
		json.writeName("geoCoordinates");
		json.writeStartObject();
		var coordinates = Locations.coordinates(signIn.city());
		if (coordinates != null) {
			json.writeNumberProperty("latitude", coordinates[0]);
			json.writeNumberProperty("longitude", coordinates[1]);
		}
		json.writeEndObject();
		json.writeEndObject();
		json.writeName("networkLocationDetails");
		json.writeStartArray();
		json.writeEndArray();
	}

	private static void conditionalAccess(JsonGenerator json, SimSignIn signIn) {
		json.writeName("appliedConditionalAccessPolicies");
		json.writeStartArray();
		for (int i = 0; i < signIn.conditionalAccessPolicies(); i++) {
			json.writeStartObject();
			json.writeStringProperty("id", POLICY_IDS[i % MAX_POLICIES]);
			json.writeStringProperty("displayName", POLICY_NAMES[i % MAX_POLICIES]);
			json.writeName("enforcedGrantControls");
			json.writeStartArray();
			json.writeString("Mfa");
			json.writeEndArray();
			json.writeName("enforcedSessionControls");
			json.writeStartArray();
			json.writeString("SignInFrequency");
			json.writeString("PersistentBrowserSessionMode");
			json.writeEndArray();
			json.writeStringProperty("result", i % 3 == 0 ? "success" : "notEnabled");
			json.writeStringProperty("conditionsSatisfied", "application,users");
			json.writeStringProperty("conditionsNotSatisfied", "none");
			json.writeName("includeRulesSatisfied");
			json.writeStartArray();
			json.writeStartObject();
			json.writeStringProperty("conditionalAccessCondition", "application");
			json.writeStringProperty("ruleSatisfied", "allApps");
			json.writeEndObject();
			json.writeEndArray();
			json.writeName("excludeRulesSatisfied");
			json.writeStartArray();
			json.writeEndArray();
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	private static void authentication(JsonGenerator json, SimSignIn signIn) {
		json.writeName("authenticationDetails");
		json.writeStartArray();
		json.writeStartObject();
		json.writeStringProperty("authenticationStepDateTime", DateTimeFormatter.ISO_INSTANT.format(signIn.created()));
		json.writeStringProperty("authenticationMethod", "Password");
		json.writeStringProperty("authenticationMethodDetail", "Password in the cloud");
		json.writeBooleanProperty("succeeded", signIn.errorCode() != 50126);
		json.writeStringProperty("authenticationStepResultDetail", signIn.errorCode() == 50126
				? "Invalid username or password or Invalid on-premise username or password." : "Correct password");
		json.writeStringProperty("authenticationStepRequirement", "Primary authentication");
		json.writeEndObject();
		json.writeEndArray();
		json.writeName("authenticationProcessingDetails");
		json.writeStartArray();
		json.writeStartObject();
		json.writeStringProperty("key", "Login Hint Present");
		json.writeStringProperty("value", "True");
		json.writeEndObject();
		json.writeStartObject();
		json.writeStringProperty("key", "Oauth Scope Info");
		json.writeStringProperty("value", "[\"email\",\"openid\",\"profile\",\"User.Read\",\"Mail.ReadWrite\"]");
		json.writeEndObject();
		json.writeEndArray();
		json.writeName("authenticationRequirementPolicies");
		json.writeStartArray();
		json.writeEndArray();
		json.writeName("sessionLifetimePolicies");
		json.writeStartArray();
		json.writeEndArray();
	}

	private static void writeNullable(JsonGenerator json, String name, String value) {
		if (value == null) {
			json.writeNullProperty(name);
		}
		else {
			json.writeStringProperty(name, value);
		}
	}

	/** Lets the generator flush into the page without closing it. */
	private static final class NonClosing extends java.io.FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
			out.write(bytes, offset, length);
		}

		@Override
		public void close() throws java.io.IOException {
			flush();
		}

	}

}
