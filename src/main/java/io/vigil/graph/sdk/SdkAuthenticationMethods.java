package io.vigil.graph.sdk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.microsoft.graph.models.EmailAuthenticationMethod;
import com.microsoft.graph.models.Fido2AuthenticationMethod;
import com.microsoft.graph.models.MicrosoftAuthenticatorAuthenticationMethod;
import com.microsoft.graph.models.PhoneAuthenticationMethod;
import com.microsoft.graph.models.PlatformCredentialAuthenticationMethod;
import com.microsoft.graph.models.TemporaryAccessPassAuthenticationMethod;
import com.microsoft.graph.models.WindowsHelloForBusinessAuthenticationMethod;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.vigil.graph.AuthenticationMethod;
import io.vigil.graph.AuthenticationMethodKind;
import org.jspecify.annotations.Nullable;

/**
 * Lists and deletes authentication methods with the SDK, and says in words what each
 * method is.
 */
final class SdkAuthenticationMethods {

	private SdkAuthenticationMethods() {
	}

	static List<AuthenticationMethod> list(GraphServiceClient client, String userId) {
		var response = client.users().byUserId(userId).authentication().methods().get();
		var methods = new ArrayList<AuthenticationMethod>();
		if (response != null && response.getValue() != null) {
			for (var method : response.getValue()) {
				var kind = AuthenticationMethodKind.ofOdataType(method.getOdataType());
				var created = method.getCreatedDateTime() == null ? null : method.getCreatedDateTime().toInstant();
				methods.add(new AuthenticationMethod(String.valueOf(method.getId()), kind, describe(method), created));
			}
		}
		methods.sort(Comparator.comparing(AuthenticationMethod::createdAt,
				Comparator.nullsFirst(Comparator.<Instant>naturalOrder())));
		return methods;
	}

	static void remove(GraphServiceClient client, String userId, AuthenticationMethodKind kind, String methodId) {
		var authentication = client.users().byUserId(userId).authentication();
		switch (kind) {
			case MICROSOFT_AUTHENTICATOR -> authentication.microsoftAuthenticatorMethods()
				.byMicrosoftAuthenticatorAuthenticationMethodId(methodId)
				.delete();
			case PHONE -> authentication.phoneMethods().byPhoneAuthenticationMethodId(methodId).delete();
			case FIDO2 -> authentication.fido2Methods().byFido2AuthenticationMethodId(methodId).delete();
			case SOFTWARE_OATH ->
				authentication.softwareOathMethods().bySoftwareOathAuthenticationMethodId(methodId).delete();
			case EMAIL -> authentication.emailMethods().byEmailAuthenticationMethodId(methodId).delete();
			case TEMPORARY_ACCESS_PASS -> authentication.temporaryAccessPassMethods()
				.byTemporaryAccessPassAuthenticationMethodId(methodId)
				.delete();
			case WINDOWS_HELLO -> authentication.windowsHelloForBusinessMethods()
				.byWindowsHelloForBusinessAuthenticationMethodId(methodId)
				.delete();
			case PLATFORM_CREDENTIAL -> authentication.platformCredentialMethods()
				.byPlatformCredentialAuthenticationMethodId(methodId)
				.delete();
			case PASSWORD, OTHER -> throw new IllegalArgumentException(
					kind.label() + " cannot be removed through Microsoft Graph with application permissions");
		}
	}

	private static String describe(com.microsoft.graph.models.AuthenticationMethod method) {
		var parts = switch (method) {
			case MicrosoftAuthenticatorAuthenticationMethod app ->
				Stream.of(app.getDisplayName(), app.getDeviceTag(), version(app.getPhoneAppVersion()));
			case PhoneAuthenticationMethod phone -> Stream
				.of(phone.getPhoneType() == null ? null : phone.getPhoneType().getValue(), phone.getPhoneNumber());
			case Fido2AuthenticationMethod key -> Stream.of(key.getDisplayName(), key.getModel());
			case EmailAuthenticationMethod email -> Stream.of(email.getEmailAddress());
			case TemporaryAccessPassAuthenticationMethod pass ->
				Stream.of(pass.getLifetimeInMinutes() == null ? null : "valid " + pass.getLifetimeInMinutes() + " min",
						Boolean.TRUE.equals(pass.getIsUsableOnce()) ? "one use" : null);
			case WindowsHelloForBusinessAuthenticationMethod hello -> Stream.of(hello.getDisplayName());
			case PlatformCredentialAuthenticationMethod platform -> Stream.of(platform.getDisplayName(),
					platform.getPlatform() == null ? null : platform.getPlatform().getValue());
			default -> Stream.<@Nullable String>empty();
		};
		var text = parts.filter(Objects::nonNull).filter(part -> !part.isBlank()).collect(Collectors.joining(", "));
		return text.isEmpty() ? AuthenticationMethodKind.ofOdataType(method.getOdataType()).label() : text;
	}

	private static @Nullable String version(@Nullable String version) {
		return version == null || version.isBlank() ? null : "app " + version;
	}

}
