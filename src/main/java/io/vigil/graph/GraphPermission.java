package io.vigil.graph;

import java.util.List;

/**
 * The application permissions Vigil needs in a customer tenant, each with the Graph
 * permissions that grant it (the least privileged first; broader ones count too).
 * Reference: sections A.4 and B.
 */
public enum GraphPermission {

	SIGN_IN_LOGS("Read sign-in logs and directory audits", List.of("AuditLog.Read.All")),
	/** Identity Protection's risk detections (the tenant also needs Entra ID P2). */
	RISK_DETECTIONS("Read risk detections", List.of("IdentityRiskEvent.Read.All")),
	READ_USERS("Read users",
			List.of("User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All")),
	REVOKE_SESSIONS("Revoke sessions",
			List.of("User.RevokeSessions.All", "User.ReadWrite.All", "Directory.ReadWrite.All")),
	ENABLE_DISABLE("Block and unblock sign-in",
			List.of("User.EnableDisableAccount.All", "User.ReadWrite.All", "Directory.ReadWrite.All")),
	RESET_PASSWORD("Reset passwords",
			List.of("User-PasswordProfile.ReadWrite.All", "User.ReadWrite.All", "Directory.ReadWrite.All")),
	AUTHENTICATION_METHODS("Review and remove authentication methods",
			List.of("UserAuthenticationMethod.ReadWrite.All")),
	MAILBOX_RULES("Review and disable inbox rules", List.of("MailboxSettings.ReadWrite")),
	/**
	 * Inbox rules name folders by id; their names need this (without it the id is shown).
	 */
	MAIL_FOLDER_NAMES("Name the folders inbox rules move mail to", List.of("Mail.ReadBasic.All", "Mail.Read"));

	private final String label;

	private final List<String> grantedBy;

	GraphPermission(String label, List<String> grantedBy) {
		this.label = label;
		this.grantedBy = grantedBy;
	}

	public String label() {
		return label;
	}

	/** The least privileged Graph permission to ask for. */
	public String graphName() {
		return grantedBy.getFirst();
	}

	public boolean grantedBy(java.util.Collection<String> roles) {
		return grantedBy.stream().anyMatch(roles::contains);
	}

}
