package io.vigil.graph.http;

import java.nio.charset.StandardCharsets;

import io.vigil.graph.ActivitySource;
import io.vigil.graph.GraphUnavailable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Directory audit and risk detection pages as Graph sends them, and as it should not: an
 * unreadable record is quarantined with its raw JSON while the rest of its page is kept.
 */
class ActivityRecordReaderTests {

	private final ActivityRecordReader reader = new ActivityRecordReader(JsonMapper.builder().build());

	@Test
	void readsAnAuditWithItsActorAndTargets() {
		var page = reader.read(ActivitySource.DIRECTORY_AUDITS, bytes("""
				{"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=x",
				 "value":[{"id":"Directory_1","category":"UserManagement","result":"success","resultReason":null,
				   "activityDisplayName":"User registered security info","activityDateTime":"2026-11-30T06:00:00.123Z",
				   "loggedByService":"Authentication Methods","additionalDetails":[],
				   "initiatedBy":{"app":null,"user":{"id":"u-1","userPrincipalName":"adele@contoso.example",
				     "ipAddress":"104.16.10.20"}},
				   "targetResources":[{"id":"u-1","type":"User","modifiedProperties":[]},
				     {"id":"g-1","type":"Group","displayName":"Sales"},{"id":"u-2","type":"User"}]}]}"""));
		assertThat(page.nextLink()).endsWith("$skiptoken=x");
		assertThat(page.malformed()).isEmpty();
		var audit = page.records().getFirst();
		assertThat(audit.graphId()).isEqualTo("Directory_1");
		assertThat(audit.activity()).isEqualTo("User registered security info");
		assertThat(audit.actorUpn()).isEqualTo("adele@contoso.example");
		assertThat(audit.ipAddress()).isEqualTo("104.16.10.20");
		assertThat(audit.accountIds()).containsExactly("u-1", "u-2");
		assertThat(audit.record()).doesNotContain("resultReason", "additionalDetails", "\"app\"", "modifiedProperties");
	}

	@Test
	void readsARiskDetection() {
		var page = reader.read(ActivitySource.RISK_DETECTIONS, bytes("""
				{"value":[{"id":"r-1","riskEventType":"attackerinTheMiddle","riskLevel":"high",
				  "detectedDateTime":"2026-11-30T06:00:00Z","userId":"u-1","ipAddress":"2606:4700::1"}]}"""));
		var detection = page.records().getFirst();
		assertThat(detection.activity()).isEqualTo("attackerinTheMiddle");
		assertThat(detection.result()).isEqualTo("high");
		assertThat(detection.accountIds()).containsExactly("u-1");
		assertThat(detection.ipAddress()).isEqualTo("2606:4700::1");
	}

	@Test
	void quarantinesWhatCannotBeReadAndKeepsTheRest() {
		var page = reader.read(ActivitySource.DIRECTORY_AUDITS, bytes("""
				{"value":[
				  "just a string",
				  {"id":"bad-time","activityDisplayName":"Update user","activityDateTime":"yesterday at noon"},
				  {"id":"no-name","activityDateTime":"2026-11-30T06:00:00Z"},
				  {"id":{"nested":true},"activityDisplayName":"Update user","activityDateTime":"2026-11-30T06:00:00Z"},
				  {"id":"object-name","activityDisplayName":{"a":[1,2]},"activityDateTime":"2026-11-30T06:00:00Z"},
				  {"id":"ok","activityDisplayName":"Update user","activityDateTime":"2026-11-30T06:00:00Z",
				   "initiatedBy":{"user":{"id":"u,1","ipAddress":"10.1.2.XXX"}}}
				]}"""));
		assertThat(page.records()).singleElement().satisfies(ok -> {
			assertThat(ok.graphId()).isEqualTo("ok");
			assertThat(ok.ipAddress()).as("a redacted address is no address").isNull();
		});
		assertThat(page.malformed()).extracting(m -> m.error())
			.containsExactly("a record must be a JSON object, got STRING",
					"activityDateTime is not a timestamp: 'yesterday at noon'", "the record has no activityDisplayName",
					"'id' must be a non-empty string, got OBJECT",
					"'activityDisplayName' must be a non-empty string, got OBJECT");
		assertThat(page.malformed().get(1).graphId()).isEqualTo("bad-time");
		assertThat(page.malformed().get(1).rawRecord()).contains("yesterday at noon").startsWith("{").endsWith("}");
	}

	@Test
	void aPageThatIsNotJsonFailsWhole() {
		assertThatThrownBy(() -> reader.read(ActivitySource.RISK_DETECTIONS, bytes("<html>gateway</html>")))
			.isInstanceOf(GraphUnavailable.class)
			.hasMessageContaining("risk detections page");
		assertThatThrownBy(() -> reader.read(ActivitySource.DIRECTORY_AUDITS, bytes("{\"error\":{}}")))
			.isInstanceOf(GraphUnavailable.class)
			.hasMessageContaining("without a 'value' array");
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
