package io.vigil.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.shared.Sha256;
import io.vigil.tenants.SecretSealing;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts: creating them (passwords hashed with Argon2), and their second factor: TOTP enrolment with recovery
 * codes, and verification, which counts failures towards the same lockout as passwords.
 */
@Service
public class Accounts {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final int RECOVERY_CODES = 10;

	private final AccountRepository accounts;

	private final PasswordEncoder passwords;

	private final SecretSealing sealing;

	private final AuditLog audit;

	private final LoginAttempts attempts;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	Accounts(AccountRepository accounts, PasswordEncoder passwords, SecretSealing sealing, AuditLog audit,
			LoginAttempts attempts, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.sealing = sealing;
		this.audit = audit;
		this.attempts = attempts;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public boolean anyAccount() {
		return accounts.anyAccount();
	}

	@Transactional(readOnly = true)
	public List<VigilUser> list(OrganizationId organization) {
		return accounts.list(organization);
	}

	/**
	 * @param tenantScope the tenants the user is limited to; null: all of the organization's (not for tenant admins,
	 * who must have exactly one)
	 */
	@Transactional
	public VigilUser create(OrganizationId organization, String email, String displayName, Secret password, Role role,
			@Nullable Set<ManagedTenantId> tenantScope, boolean demo, String actor) {
		var normalized = email.strip();
		if (!EMAIL.matcher(normalized).matches()) {
			throw new AccountException("'" + normalized + "' is not an email address");
		}
		if (displayName.isBlank()) {
			throw new AccountException("A name is required");
		}
		checkPassword(password, normalized);
		if (role == Role.TENANT_ADMIN && (tenantScope == null || tenantScope.size() != 1)) {
			throw new AccountException("A customer tenant admin belongs to exactly one tenant");
		}
		if (accounts.findByEmail(normalized).isPresent()) {
			throw new AccountException("An account with this email address exists already");
		}
		var user = new VigilUser(UUID.randomUUID(), organization, normalized, displayName.strip(), role, tenantScope,
				false, demo);
		accounts.insert(user, passwords.encode(password.reveal()), clock.instant());
		audit.record(organization, actor, "account.created", normalized, "success",
				Map.of("role", role.name(), "demo", demo));
		return user;
	}

	/**
	 * Changes a person's role and tenant scope (audited).
	 * @return false when the account is not in this organization
	 */
	@Transactional
	public boolean changeRole(OrganizationId organization, UUID userId, Role role,
			@Nullable Set<ManagedTenantId> tenantScope, String actor) {
		var account = accounts.find(userId).filter(found -> found.user().organizationId().equals(organization));
		if (account.isEmpty()) {
			return false;
		}
		if (role == Role.TENANT_ADMIN && (tenantScope == null || tenantScope.size() != 1)) {
			throw new AccountException("A customer tenant admin belongs to exactly one tenant");
		}
		var before = account.get().user();
		accounts.updateRole(organization, userId, role, tenantScope);
		audit.record(organization, actor, "account.role-changed", before.email(), "success",
				Map.of("from", before.role().name(), "to", role.name(), "tenants",
						tenantScope == null ? "all" : tenantScope.stream().map(t -> t.value().toString()).sorted()
							.toList()));
		return true;
	}

	/**
	 * Starts (or restarts) TOTP enrolment: a new key, not active until a code from it is confirmed. Only for an
	 * account without an active second factor (never enrolled, or reset by an administrator): otherwise a password
	 * alone could replace the owner's authenticator with the attacker's.
	 */
	@Transactional(noRollbackFor = AccountException.class)
	public TotpEnrolment startTotpEnrolment(UUID userId) {
		var account = enrollable(userId);
		var key = Totp.newSecret(random);
		if (!accounts.storePendingTotpSecret(userId, sealing.seal(new Secret(key), context(userId)))) {
			throw new SecondFactorActive();
		}
		var label = URLEncoder.encode("Vigil:" + account.user().email(), StandardCharsets.UTF_8).replace("+", "%20");
		return new TotpEnrolment(new Secret(key), new Secret("otpauth://totp/" + label + "?secret=" + key
				+ "&issuer=Vigil&algorithm=SHA1&digits=6&period=" + Totp.STEP_SECONDS));
	}

	/**
	 * Activates the second factor when the code matches the new key; returns the recovery codes (shown once). A
	 * wrong code is refused and counted (the refusal does not roll back the count).
	 */
	@Transactional(noRollbackFor = AccountException.class)
	public List<Secret> confirmTotpEnrolment(UUID userId, String code) {
		var account = enrollable(userId);
		if (account.totpSecret() == null) {
			throw new AccountException("Start the enrolment first");
		}
		var key = sealing.open(account.totpSecret(), context(userId)).reveal();
		var step = Totp.matchingStep(key, code, clock.instant());
		if (step.isEmpty()) {
			attempts.failed(account.user(), "totp.enrolment");
			throw new AccountException("That code does not match; check the time on your phone and try again");
		}
		if (!accounts.enableTotp(userId, step.getAsLong())) {
			throw new SecondFactorActive();
		}
		attempts.succeeded(account.user(), "totp.enrolment");
		var codes = new ArrayList<Secret>();
		var hashes = new ArrayList<String>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			var recovery = recoveryCode();
			codes.add(new Secret(recovery));
			hashes.add(hash(recovery));
		}
		accounts.replaceRecoveryCodes(userId, hashes);
		audit.record(account.user().organizationId(), account.user().email(), "totp.enrolled", account.user().email(),
				"success", Map.of());
		return codes;
	}

	/**
	 * Verifies a second-factor code: a TOTP code (each step accepted once) or an unused recovery code. A wrong code
	 * counts towards the lockout like a wrong password.
	 */
	@Transactional
	public boolean verifySecondFactor(UUID userId, String code) {
		var account = accounts.find(userId).orElseThrow(() -> new AccountException("No such account"));
		var user = account.user();
		if (attempts.isLocked(account)) {
			return false;
		}
		var trimmed = code.strip();
		if (account.totpSecret() != null && user.totpEnabled()) {
			var step = Totp.matchingStep(sealing.open(account.totpSecret(), context(userId)).reveal(), trimmed,
					clock.instant());
			if (step.isPresent() && accounts.useTotpStep(userId, step.getAsLong())) {
				attempts.succeeded(user, "second-factor.totp");
				return true;
			}
		}
		if (trimmed.length() > 6 && accounts.useRecoveryCode(userId, hash(trimmed.toLowerCase()), clock.instant())) {
			attempts.succeeded(user, "second-factor.recovery-code");
			return true;
		}
		attempts.failed(user, "second-factor");
		return false;
	}

	/** The account, if it may enrol: no active second factor, not locked (enrolment codes count toward the lockout). */
	private AccountRepository.Account enrollable(UUID userId) {
		var account = accounts.find(userId).orElseThrow(() -> new AccountException("No such account"));
		if (account.user().totpEnabled()) {
			attempts.refused(account.user(), "totp.enrolment", "a second factor is active");
			throw new SecondFactorActive();
		}
		if (attempts.isLocked(account)) {
			attempts.refused(account.user(), "totp.enrolment", "account locked");
			throw new AccountException("Too many wrong codes: this account is locked for a while");
		}
		return account;
	}

	/** Demo mode only: a known TOTP key, so the printed demo credentials work without an enrolment. */
	@Transactional
	public void enrolDemoTotp(UUID userId, Secret key) {
		var account = accounts.find(userId).orElseThrow(() -> new AccountException("No such account"));
		if (!account.user().demo()) {
			throw new AccountException("Only demo accounts get a preset second factor");
		}
		if (account.user().totpEnabled()) {
			return;
		}
		accounts.storePendingTotpSecret(userId, sealing.seal(key, context(userId)));
		accounts.enableTotp(userId, 0);
	}

	private void checkPassword(Secret password, String email) {
		var value = password.reveal();
		if (value.length() < 12) {
			throw new AccountException("The password needs at least 12 characters");
		}
		if (value.length() > 128) {
			throw new AccountException("The password may have at most 128 characters");
		}
		if (value.toLowerCase().contains(email.toLowerCase().split("@")[0]) && email.split("@")[0].length() >= 4) {
			throw new AccountException("The password must not contain the email address");
		}
	}

	private String recoveryCode() {
		var alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
		var code = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			code.append(alphabet.charAt(random.nextInt(alphabet.length())));
			if (i == 4) {
				code.append('-');
			}
		}
		return code.toString();
	}

	static String hash(String code) {
		return Sha256.hex(code);
	}

	private static String context(UUID userId) {
		return "totp:" + userId;
	}

}
