package io.vigil.graph.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.vigil.graph.simulator.AttackSignIns.Takeover;
import io.vigil.graph.simulator.SimulatorScenario.AttackKind;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The directory audits and risk detections of one simulated tenant, a pure function of
 * the seed like its sign-ins: everyday administration at {@code auditsPerHour}, and what
 * attackers do after taking an account over (register their own authenticator, consent to
 * a mail-reading app) with the risk detections Identity Protection raises for it (tenants
 * with Entra ID P2).
 */
final class ActivityTimeline {

	static final String MAIL_APP = "Mail Backup Sync";

	static final String MAIL_APP_ID = "3f6c8a1e-52d4-4b8e-9c1f-7a2b6d0e4f91";

	private static final String[] GROUPS = { "Sales", "Finance", "All Staff", "Project Atlas", "Printers" };

	private final SignInTimeline signIns;

	private final JsonMapper mapper;

	private final long intervalNanos;

	private final List<SimActivity> attacks;

	ActivityTimeline(SignInTimeline signIns, JsonMapper mapper) {
		this.signIns = signIns;
		this.mapper = mapper;
		var perHour = signIns.tenant().auditsPerHour();
		this.intervalNanos = perHour <= 0 ? Long.MAX_VALUE : (long) (3_600_000_000_000d / perHour);
		this.attacks = attackActivity();
	}

	SignInTimeline signIns() {
		return signIns;
	}

	/** Every record of the source that happened in {@code [from, to]}, newest first. */
	List<SimActivity> between(String source, Instant from, Instant to) {
		var result = new ArrayList<SimActivity>();
		if (source.equals("directoryAudit") && intervalNanos != Long.MAX_VALUE) {
			var start = signIns.start();
			long first = Math.max(0, Math.floorDiv(Duration.between(start, from).toNanos() - 1, intervalNanos));
			long last = Math.floorDiv(Duration.between(start, to).toNanos(), intervalNanos);
			var duration = signIns.tenant().duration();
			if (duration != null) {
				last = Math.min(last, Math.floorDiv(duration.toNanos(), intervalNanos) - 1);
			}
			for (long k = first; k <= last; k++) {
				var audit = everydayAudit(k);
				if (!audit.occurred().isBefore(from) && !audit.occurred().isAfter(to)) {
					result.add(audit);
				}
			}
		}
		for (var attack : attacks) {
			if (attack.source().equals(source) && !attack.occurred().isBefore(from) && !attack.occurred().isAfter(to)) {
				result.add(attack);
			}
		}
		result.sort(Comparator.comparing(SimActivity::occurred).thenComparing(SimActivity::id).reversed());
		return result;
	}

	/** Attack follow-ups and detections, for tests to count. */
	List<SimActivity> attacks() {
		return attacks;
	}

	private SimActivity everydayAudit(long k) {
		var random = signIns.random("audit", k);
		var tenant = signIns.tenant();
		var occurred = signIns.start()
			.plusNanos(k * intervalNanos + random.nextLong(intervalNanos))
			.truncatedTo(ChronoUnit.MILLIS);
		var users = signIns.users();
		var admin = users.getFirst();
		var user = users.get(random.nextInt(users.size()));
		var kind = random.nextInt(5);
		var late = random.nextDouble() < tenant.lateShare();
		var duplicate = random.nextDouble() < tenant.duplicateShare();
		var malformed = tenant.malformedEvery() > 0 && k % tenant.malformedEvery() == tenant.malformedEvery() - 1;
		var record = switch (kind) {
			case 0 -> audit("UserManagement", "Core Directory", "Update user", "Update").set("initiatedBy",
					byUser(admin, admin.homeIp()));
			case 1 -> audit("GroupManagement", "Core Directory", "Add member to group", "Assign").set("initiatedBy",
					byUser(admin, admin.homeIp()));
			case 2 ->
				audit("UserManagement", "Self-service Password Management", "Reset password (self-service)", "Update")
					.set("initiatedBy", byUser(user, user.homeIp()));
			case 3 -> audit("UserManagement", "Authentication Methods", "User registered security info", "Add")
				.put("resultReason", "User registered Authenticator App with Notification and Code")
				.set("initiatedBy", byUser(user, user.homeIp()));
			default -> audit("Device", "Core Directory", "Update device", "Update").set("initiatedBy",
					byApp("Microsoft Intune", "0000000a-0000-0000-c000-000000000000"));
		};
		var targets = record.putArray("targetResources");
		if (kind == 1) {
			targets.addObject()
				.put("id", signIns.uuid("group", random.nextInt(GROUPS.length)))
				.put("displayName", GROUPS[random.nextInt(GROUPS.length)])
				.put("type", "Group");
		}
		if (kind == 4) {
			targets.addObject()
				.put("id", signIns.uuid("device", random.nextInt(100)))
				.put("displayName", "LAPTOP-" + (1000 + random.nextInt(9000)))
				.put("type", "Device");
		}
		else {
			var target = targets.addObject()
				.put("id", user.id())
				.put("displayName", user.displayName())
				.put("type", "User")
				.put("userPrincipalName", user.userPrincipalName());
			if (kind == 0) {
				target.putArray("modifiedProperties")
					.addObject()
					.put("displayName", "JobTitle")
					.put("oldValue", "[\"Associate\"]")
					.put("newValue", "[\"Senior Associate\"]");
			}
		}
		record.put("correlationId", signIns.uuid("audit-correlation", k));
		return new SimActivity("directoryAudit", signIns.uuid("audit", k), occurred,
				late ? occurred.plus(tenant.lateDelay()) : occurred, duplicate ? 2 : 1, malformed, record);
	}

	private List<SimActivity> attackActivity() {
		var result = new ArrayList<SimActivity>();
		var p2 = signIns.tenant().riskLicensed();
		for (var takeover : AttackSignIns.takeovers(signIns)) {
			result.add(authenticatorRegistered(takeover));
			result.addAll(mailAppConsent(takeover));
			if (p2) {
				result.add(detection(takeover, riskEventType(takeover.kind()), takeover.at(), "high",
						Duration.ofMinutes(10), takeover.ipAddress()));
				result.add(detection(takeover, "suspiciousInboxForwarding", takeover.at().plus(Duration.ofMinutes(15)),
						"medium", Duration.ofMinutes(30), null));
			}
		}
		if (p2) {
			result.addAll(sprayDetections());
		}
		return List.copyOf(result);
	}

	private SimActivity authenticatorRegistered(Takeover takeover) {
		var at = takeover.at().plus(Duration.ofMinutes(9));
		var record = audit("UserManagement", "Authentication Methods", "User registered security info", "Add")
			.put("resultReason", "User registered Authenticator App with Notification and Code");
		record.set("initiatedBy", byUser(takeover.user(), takeover.ipAddress()));
		targetUser(record, takeover.user());
		record.putArray("additionalDetails")
			.addObject()
			.put("key", "Method")
			.put("value", "Microsoft Authenticator (iPhone 15 Pro)");
		return attackRecord("directoryAudit", takeover, "security-info", at, record);
	}

	private List<SimActivity> mailAppConsent(Takeover takeover) {
		var at = takeover.at().plus(Duration.ofMinutes(12));
		var consent = audit("ApplicationManagement", "Core Directory", "Consent to application", "Assign");
		consent.set("initiatedBy", byUser(takeover.user(), takeover.ipAddress()));
		var app = consent.putArray("targetResources")
			.addObject()
			.put("id", signIns.uuid("mail-app-sp", 0))
			.put("displayName", MAIL_APP)
			.put("type", "ServicePrincipal");
		var properties = app.putArray("modifiedProperties");
		properties.addObject().put("displayName", "ConsentContext.IsAdminConsent").put("newValue", "\"False\"");
		properties.addObject()
			.put("displayName", "ConsentAction.Permissions")
			.put("newValue", "\"Scope: Mail.Read, Mail.Send, offline_access\"");
		consent.putArray("additionalDetails").addObject().put("key", "AppId").put("value", MAIL_APP_ID);
		var grant = audit("ApplicationManagement", "Core Directory", "Add delegated permission grant", "Assign");
		grant.set("initiatedBy", byUser(takeover.user(), takeover.ipAddress()));
		grant.putArray("targetResources")
			.addObject()
			.put("id", signIns.uuid("mail-app-sp", 0))
			.put("displayName", MAIL_APP)
			.put("type", "ServicePrincipal");
		targetUser(grant, takeover.user());
		return List.of(attackRecord("directoryAudit", takeover, "consent", at, consent),
				attackRecord("directoryAudit", takeover, "grant", at.plusSeconds(1), grant));
	}

	/** Identity Protection names what it saw; these are the detections' Graph names. */
	private static String riskEventType(AttackKind kind) {
		return switch (kind) {
			case CLOUDFLARE_SUCCESS, AS13335_SUCCESS -> "attackerinTheMiddle";
			case AXIOS -> "anomalousToken";
			case MFA_FATIGUE -> "mfaFraud";
			case IMPOSSIBLE_TRAVEL -> "impossibleTravel";
			case PASSWORD_SPRAY, PASSWORD_SPRAY_SUCCESS -> "passwordSpray";
		};
	}

	private SimActivity detection(Takeover takeover, String type, Instant detected, String level, Duration delay,
			String ipAddress) {
		var user = takeover.user();
		var record = mapper.createObjectNode()
			.put("requestId", signIns.uuid("request-" + type, takeover.attack()))
			.put("correlationId", signIns.uuid("correlation-" + type, takeover.attack()))
			.put("riskEventType", type)
			.put("riskState", "atRisk")
			.put("riskLevel", level)
			.put("riskDetail", "none")
			.put("source",
					type.equals("suspiciousInboxForwarding") ? "MicrosoftCloudAppSecurity" : "IdentityProtection")
			.put("detectionTimingType", "offline")
			.put("activity", type.equals("suspiciousInboxForwarding") ? "user" : "signin")
			.put("tokenIssuerType", "AzureAD")
			.put("activityDateTime", detected.toString())
			.put("lastUpdatedDateTime", detected.plus(delay).toString())
			.put("userId", user.id())
			.put("userDisplayName", user.displayName())
			.put("userPrincipalName", user.userPrincipalName());
		if (ipAddress != null) {
			record.put("ipAddress", ipAddress);
		}
		return new SimActivity("riskDetection", signIns.uuid("risk-" + type, takeover.attack()), detected,
				detected.plus(delay), 1, false, record);
	}

	/** Identity Protection flags every account a spray tried, offline, an hour on. */
	private List<SimActivity> sprayDetections() {
		var result = new ArrayList<SimActivity>();
		for (var signIn : signIns.attacks()) {
			if (signIn.ipAddress().startsWith("185.220.101.") && result.stream()
				.noneMatch(d -> d.record().path("userId").asString().equals(signIn.user().id()))) {
				var takeover = new Takeover(signIn.user(), signIn.created(), signIn.ipAddress(),
						AttackKind.PASSWORD_SPRAY, 1000 + result.size());
				result.add(detection(takeover, "passwordSpray", signIn.created(), "medium", Duration.ofMinutes(60),
						signIn.ipAddress()));
			}
		}
		return result;
	}

	private SimActivity attackRecord(String source, Takeover takeover, String what, Instant at, ObjectNode record) {
		record.put("correlationId", signIns.uuid("attack-correlation-" + what, takeover.attack()));
		return new SimActivity(source, signIns.uuid("attack-" + what, takeover.attack()), at, at, 1, false, record);
	}

	private ObjectNode audit(String category, String service, String activity, String operationType) {
		return mapper.createObjectNode()
			.put("category", category)
			.put("result", "success")
			.put("resultReason", "")
			.put("activityDisplayName", activity)
			.put("loggedByService", service)
			.put("operationType", operationType);
	}

	private ObjectNode byUser(SimUser user, String ipAddress) {
		var initiated = mapper.createObjectNode();
		initiated.putObject("user")
			.put("id", user.id())
			.put("displayName", user.displayName())
			.put("userPrincipalName", user.userPrincipalName())
			.put("ipAddress", ipAddress);
		return initiated;
	}

	private ObjectNode byApp(String name, String appId) {
		var initiated = mapper.createObjectNode();
		initiated.putObject("app").put("appId", appId).put("displayName", name);
		return initiated;
	}

	private static void targetUser(ObjectNode record, SimUser user) {
		var targets = record.has("targetResources")
				? (tools.jackson.databind.node.ArrayNode) record.get("targetResources")
				: record.putArray("targetResources");
		targets.addObject()
			.put("id", user.id())
			.put("displayName", user.displayName())
			.put("type", "User")
			.put("userPrincipalName", user.userPrincipalName());
	}

}
