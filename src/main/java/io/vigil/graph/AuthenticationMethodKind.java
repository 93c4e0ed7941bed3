package io.vigil.graph;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of authentication method Entra lists for a user ({@code GET
 * /users/{id}/authentication/methods}), with the type-specific collection through which
 * an app may delete one: the generic {@code /authentication/methods/{id}} accepts DELETE
 * only with delegated permissions (reference, section B). The password cannot be removed,
 * only reset.
 */
public enum AuthenticationMethodKind {

	PASSWORD("#microsoft.graph.passwordAuthenticationMethod", "Password", null),
	MICROSOFT_AUTHENTICATOR("#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", "Microsoft Authenticator",
			"microsoftAuthenticatorMethods"),
	PHONE("#microsoft.graph.phoneAuthenticationMethod", "Phone", "phoneMethods"),
	FIDO2("#microsoft.graph.fido2AuthenticationMethod", "Passkey (FIDO2)", "fido2Methods"),
	SOFTWARE_OATH("#microsoft.graph.softwareOathAuthenticationMethod", "Authenticator app (OATH code)",
			"softwareOathMethods"),
	EMAIL("#microsoft.graph.emailAuthenticationMethod", "Email", "emailMethods"),
	TEMPORARY_ACCESS_PASS("#microsoft.graph.temporaryAccessPassAuthenticationMethod", "Temporary Access Pass",
			"temporaryAccessPassMethods"),
	WINDOWS_HELLO("#microsoft.graph.windowsHelloForBusinessAuthenticationMethod", "Windows Hello for Business",
			"windowsHelloForBusinessMethods"),
	PLATFORM_CREDENTIAL("#microsoft.graph.platformCredentialAuthenticationMethod", "Platform credential",
			"platformCredentialMethods"),
	OTHER("", "Other method", null);

	private final String odataType;

	private final String label;

	private final @Nullable String collection;

	AuthenticationMethodKind(String odataType, String label, @Nullable String collection) {
		this.odataType = odataType;
		this.label = label;
		this.collection = collection;
	}

	public static AuthenticationMethodKind ofOdataType(@Nullable String type) {
		return Arrays.stream(values()).filter(kind -> kind.odataType.equalsIgnoreCase(type)).findFirst().orElse(OTHER);
	}

	public String odataType() {
		return odataType;
	}

	public String label() {
		return label;
	}

	/**
	 * The collection under {@code /users/{id}/authentication/} that deletes this kind;
	 * null when it cannot be.
	 */
	public @Nullable String collection() {
		return collection;
	}

	public boolean removable() {
		return collection != null;
	}

}
