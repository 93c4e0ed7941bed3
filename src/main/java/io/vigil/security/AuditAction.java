package io.vigil.security;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an audit entry records. The code is what the log stores, filters on and exports
 * (codes of entries written before a rename stay readable as they are); the sentence is
 * how the audit page says it, after the actor's name.
 */
public enum AuditAction {

	SETUP_FIRST_ADMINISTRATOR("setup.first-administrator", "set up the first administrator"),

	LOGIN_PASSWORD("login.password", "signed in with a password"),

	LOGIN_SSO("login.sso", "signed in with Microsoft"),

	SECOND_FACTOR("second-factor", "entered a second factor"),

	SECOND_FACTOR_TOTP("second-factor.totp", "entered an authenticator code"),

	SECOND_FACTOR_RECOVERY_CODE("second-factor.recovery-code", "used a recovery code"),

	TOTP_ENROLMENT("totp.enrolment", "tried to enrol an authenticator"),

	TOTP_ENROLLED("totp.enrolled", "enrolled an authenticator"),

	TOTP_RESET("totp.reset", "reset an account's authenticator"),

	ACCOUNT_CREATED("account.created", "created an account"),

	ACCOUNT_ROLE_CHANGED("account.role-changed", "changed an account's role"),

	ACCOUNT_DISABLED("account.disabled", "disabled an account"),

	ACCOUNT_ENABLED("account.enabled", "enabled an account"),

	ACCOUNT_LOCKED("account.locked", "was locked out after failed attempts"),

	ACCOUNT_SESSIONS_ENDED("account.sessions-ended", "ended an account's sessions"),

	ACCOUNT_PASSWORD_RESET("account.password-reset", "reset an account's password"),

	ACCOUNT_PASSWORD_CHANGED("account.password-changed", "changed their password"),

	SSO_CONFIGURED("sso.configured", "configured sign-in with Microsoft"),

	SSO_LINKED("sso.linked", "linked a Microsoft account"),

	SSO_UNLINKED("sso.unlinked", "unlinked a Microsoft account"),

	GRAPH_APP_REGISTERED("graph-app.registered", "registered a Graph app"),

	TENANT_CONSENT("tenant.consent", "answered a tenant's consent"),

	TENANT_CONNECTED("tenant.connected", "connected a tenant"),

	TENANT_MOVED("tenant.moved", "moved a tenant to another app registration"),

	TENANT_DISCONNECTED("tenant.disconnected", "disconnected a tenant"),

	RETENTION_CHANGED("retention.changed", "changed how long data is kept"),

	RULE_ENABLED("rule.enabled", "switched a rule on"),

	RULE_DISABLED("rule.disabled", "switched a rule off"),

	RULE_UPLOADED("rule.uploaded", "uploaded a rule"),

	RULE_UPLOAD_ENABLED("rule.upload-enabled", "switched an uploaded rule on"),

	RULE_UPLOAD_DISCARDED("rule.upload-discarded", "discarded an uploaded rule"),

	INCIDENT_VERDICT("incident.verdict", "gave a verdict on an incident"),

	INCIDENT_USER_ASKED("incident.user-asked", "asked a user about an incident"),

	NOTIFICATION_RESENT("notification.resent", "sent a message again"),

	NOTIFICATION_ROUTE_ADDED("notification.route-added", "added a notification route"),

	NOTIFICATION_ROUTE_REMOVED("notification.route-removed", "removed a notification route"),

	NOTIFICATION_QUIET_HOURS("notification.quiet-hours", "set quiet hours"),

	NOTIFICATION_WEBHOOK_ADDED("notification.webhook-added", "added a webhook"),

	NOTIFICATION_WEBHOOK_REMOVED("notification.webhook-removed", "removed a webhook"),

	RESPONSE_REFUSED("response.refused", "was refused a response action"),

	RESPONSE_READ_ACCOUNT("response.read-account", "checked an account in Graph"),

	RESPONSE_READ_AUTHENTICATION_METHODS("response.read-authentication-methods",
			"read an account's authentication methods"),

	RESPONSE_READ_INBOX_RULES("response.read-inbox-rules", "read a mailbox's inbox rules"),

	RESPONSE_REVOKE_SESSIONS("response.revoke_sessions", "revoked all sessions"),

	RESPONSE_BLOCK_SIGN_IN("response.block_sign_in", "blocked sign-in"),

	RESPONSE_UNBLOCK_SIGN_IN("response.unblock_sign_in", "unblocked sign-in"),

	RESPONSE_RESET_PASSWORD("response.reset_password", "reset a password"),

	RESPONSE_REMOVE_AUTHENTICATION_METHOD("response.remove_authentication_method", "removed an authentication method"),

	RESPONSE_DISABLE_INBOX_RULE("response.disable_inbox_rule", "disabled an inbox rule");

	private static final Map<String, AuditAction> BY_CODE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(AuditAction::code, Function.identity()));

	private final String code;

	private final String sentence;

	AuditAction(String code, String sentence) {
		this.code = code;
		this.sentence = sentence;
	}

	public String code() {
		return code;
	}

	public String sentence() {
		return sentence;
	}

	/** The action a stored code stands for; empty for a code no longer written. */
	public static Optional<AuditAction> ofCode(String code) {
		return Optional.ofNullable(BY_CODE.get(code));
	}

}
