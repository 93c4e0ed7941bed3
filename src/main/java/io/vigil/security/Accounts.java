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
 * Accounts: creating them (passwords hashed with Argon2), and their second factor: TOTP
 * enrolment with recovery codes, and verification, which counts failures towards the same
 * lockout as passwords.
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
	 * The addresses of a tenant's customer admins who may sign in (they hear of its
	 * incidents where routed).
	 */
	@Transactional(readOnly = true)
	public List<String> tenantAdminEmails(OrganizationId organization, ManagedTenantId tenant) {
		return accounts.accounts(organization)
			.stream()
			.filter(account -> !account.disabled() && account.user().role() == Role.TENANT_ADMIN
					&& account.user().maySee(tenant))
			.map(account -> account.user().email())
			.toList();
	}

	/** A person as their organization's admins see them. */
	public record Person(VigilUser user, boolean disabled, boolean locked) {
	}

	@Transactional(readOnly = true)
	public List<Person> people(OrganizationId organization) {
		return accounts.accounts(organization)
			.stream()
			.map(account -> new Person(account.user(), account.disabled(), attempts.isLocked(account)))
			.toList();
	}

	/**
	 * @param tenantScope the tenants the user is limited to; null: all of the
	 * organization's (not for tenant admins, who must have exactly one)
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
		audit.record(organization, actor, AuditAction.ACCOUNT_CREATED, normalized, "success",
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
		if (before.role() == Role.ORG_ADMIN && (role != Role.ORG_ADMIN || tenantScope != null)
				&& otherActiveAdmins(organization, userId) == 0) {
			throw new AccountException(
					"This is the organization's only admin of every tenant: make someone else one " + "first");
		}
		accounts.updateRole(organization, userId, role, tenantScope);
		audit.record(organization, actor, AuditAction.ACCOUNT_ROLE_CHANGED, before.email(), "success", Map.of("from",
				before.role().name(), "to", role.name(), "tenants",
				tenantScope == null ? "all" : tenantScope.stream().map(t -> t.value().toString()).sorted().toList()));
		return true;
	}

	/**
	 * Disables a person: they cannot sign in, and their open sessions end at their next
	 * request.
	 */
	@Transactional
	public boolean disable(VigilUser admin, UUID userId) {
		var found = administered(admin, userId, AuditAction.ACCOUNT_DISABLED);
		if (found.isEmpty()) {
			return false;
		}
		var target = found.get();
		if (target.user().id().equals(admin.id())) {
			throw new AccountException("You cannot disable your own account");
		}
		if (target.user().role() == Role.ORG_ADMIN && otherActiveAdmins(admin.organizationId(), userId) == 0) {
			throw new AccountException("This is the organization's only admin: make someone else one first");
		}
		accounts.setDisabled(admin.organizationId(), userId, true);
		audit.record(admin.organizationId(), admin.email(), AuditAction.ACCOUNT_DISABLED, target.user().email(),
				"success", Map.of());
		return true;
	}

	/** Lets a disabled (or locked) person sign in again. */
	@Transactional
	public boolean enable(VigilUser admin, UUID userId) {
		var found = administered(admin, userId, AuditAction.ACCOUNT_ENABLED);
		if (found.isEmpty()) {
			return false;
		}
		var target = found.get();
		accounts.setDisabled(admin.organizationId(), userId, false);
		audit.record(admin.organizationId(), admin.email(), AuditAction.ACCOUNT_ENABLED, target.user().email(),
				"success", Map.of());
		return true;
	}

	/**
	 * Ends every open session of a person (a lost laptop, say); they can sign in again.
	 */
	@Transactional
	public boolean endSessions(VigilUser admin, UUID userId) {
		var found = administered(admin, userId, AuditAction.ACCOUNT_SESSIONS_ENDED);
		if (found.isEmpty()) {
			return false;
		}
		var target = found.get();
		accounts.endSessions(userId);
		audit.record(admin.organizationId(), admin.email(), AuditAction.ACCOUNT_SESSIONS_ENDED, target.user().email(),
				"success", Map.of());
		return true;
	}

	/**
	 * Sets a new password for a person (to be handed over out of band); their sessions
	 * end.
	 */
	@Transactional
	public boolean resetPassword(VigilUser admin, UUID userId, Secret password) {
		var found = administered(admin, userId, AuditAction.ACCOUNT_PASSWORD_RESET);
		if (found.isEmpty()) {
			return false;
		}
		var target = found.get();
		checkPassword(password, target.user().email());
		accounts.updatePassword(userId, passwords.encode(password.reveal()));
		accounts.endSessions(userId);
		audit.record(admin.organizationId(), admin.email(), AuditAction.ACCOUNT_PASSWORD_RESET, target.user().email(),
				"success", Map.of());
		return true;
	}

	/**
	 * Removes a person's second factor (a lost phone): their sessions end and their next
	 * sign-in enrols a new one. The only way an active factor is replaced other than by
	 * the person holding it.
	 */
	@Transactional
	public boolean resetSecondFactor(VigilUser admin, UUID userId) {
		var found = administered(admin, userId, AuditAction.TOTP_RESET);
		if (found.isEmpty()) {
			return false;
		}
		var target = found.get();
		accounts.clearSecondFactor(userId);
		accounts.endSessions(userId);
		audit.record(admin.organizationId(), admin.email(), AuditAction.TOTP_RESET, target.user().email(), "success",
				Map.of());
		return true;
	}

	/**
	 * A person changes their own password, proving the current one (a wrong one counts
	 * toward the lockout). Their other sessions end.
	 * @return the new session epoch, which the current session takes on
	 */
	@Transactional(noRollbackFor = AccountException.class)
	public int changeOwnPassword(VigilUser self, Secret current, Secret next) {
		var account = accounts.find(self.id()).orElseThrow(() -> new AccountException("No such account"));
		if (attempts.isLocked(account)) {
			throw new AccountException("Too many wrong passwords: this account is locked for a while");
		}
		if (!passwords.matches(current.reveal(), account.passwordHash())) {
			attempts.failed(account.user(), AuditAction.ACCOUNT_PASSWORD_CHANGED);
			throw new AccountException("The current password is not right");
		}
		checkPassword(next, account.user().email());
		accounts.updatePassword(self.id(), passwords.encode(next.reveal()));
		var epoch = accounts.endSessions(self.id());
		audit.record(self.organizationId(), self.email(), AuditAction.ACCOUNT_PASSWORD_CHANGED, self.email(), "success",
				Map.of());
		return epoch;
	}

	/**
	 * Enabled organization admins of every tenant, other than this person: an
	 * organization never loses its last.
	 */
	private long otherActiveAdmins(OrganizationId organization, UUID except) {
		return accounts.accounts(organization)
			.stream()
			.filter(account -> !account.user().id().equals(except) && !account.disabled()
					&& account.user().role() == Role.ORG_ADMIN && account.user().tenantScope() == null)
			.count();
	}

	/**
	 * The target account, when the actor is an organization admin (an audited refusal if
	 * not); empty when the person is not in the admin's organization (the caller answers
	 * "not found", as for anything of another).
	 */
	private java.util.Optional<AccountRepository.Account> administered(VigilUser admin, UUID userId,
			AuditAction action) {
		if (admin.role() != Role.ORG_ADMIN) {
			audit.record(admin.organizationId(), admin.email(), action, String.valueOf(userId), "refused",
					Map.of("reason", "not an organization admin"));
			throw new org.springframework.security.access.AccessDeniedException(
					"Only organization admins manage " + "people");
		}
		return accounts.find(userId).filter(found -> found.user().organizationId().equals(admin.organizationId()));
	}

	/**
	 * Starts (or restarts) TOTP enrolment: a new key, not active until a code from it is
	 * confirmed. Only for an account without an active second factor (never enrolled, or
	 * reset by an administrator): otherwise a password alone could replace the owner's
	 * authenticator with the attacker's.
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
	 * Activates the second factor when the code matches the new key; returns the recovery
	 * codes (shown once). A wrong code is refused and counted (the refusal does not roll
	 * back the count).
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
			attempts.failed(account.user(), AuditAction.TOTP_ENROLMENT);
			throw new AccountException("That code does not match; check the time on your phone and try again");
		}
		if (!accounts.enableTotp(userId, step.getAsLong())) {
			throw new SecondFactorActive();
		}
		attempts.succeeded(account.user(), AuditAction.TOTP_ENROLMENT);
		var codes = new ArrayList<Secret>();
		var hashes = new ArrayList<String>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			var recovery = recoveryCode();
			codes.add(new Secret(recovery));
			hashes.add(hash(recovery));
		}
		accounts.replaceRecoveryCodes(userId, hashes);
		audit.record(account.user().organizationId(), account.user().email(), AuditAction.TOTP_ENROLLED,
				account.user().email(), "success", Map.of());
		return codes;
	}

	/**
	 * Verifies a second-factor code: a TOTP code (each step accepted once) or an unused
	 * recovery code. A wrong code counts towards the lockout like a wrong password.
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
				attempts.succeeded(user, AuditAction.SECOND_FACTOR_TOTP);
				return true;
			}
		}
		if (trimmed.length() > 6 && accounts.useRecoveryCode(userId, hash(trimmed.toLowerCase()), clock.instant())) {
			attempts.succeeded(user, AuditAction.SECOND_FACTOR_RECOVERY_CODE);
			return true;
		}
		attempts.failed(user, AuditAction.SECOND_FACTOR);
		return false;
	}

	/**
	 * The account, if it may enrol: no active second factor, not locked (enrolment codes
	 * count toward the lockout).
	 */
	private AccountRepository.Account enrollable(UUID userId) {
		var account = accounts.find(userId).orElseThrow(() -> new AccountException("No such account"));
		if (account.user().totpEnabled()) {
			attempts.refused(account.user(), AuditAction.TOTP_ENROLMENT, "a second factor is active");
			throw new SecondFactorActive();
		}
		if (attempts.isLocked(account)) {
			attempts.refused(account.user(), AuditAction.TOTP_ENROLMENT, "account locked");
			throw new AccountException("Too many wrong codes: this account is locked for a while");
		}
		return account;
	}

	/**
	 * Demo mode only: a known TOTP key, so the printed demo credentials work without an
	 * enrolment.
	 */
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
