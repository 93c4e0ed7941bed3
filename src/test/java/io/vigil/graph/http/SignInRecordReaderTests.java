package io.vigil.graph.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.vigil.graph.GraphUnavailable;
import io.vigil.graph.SignInEventType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignInRecordReaderTests {

	private final SignInRecordReader reader = new SignInRecordReader(JsonMapper.builder().build());

	@Test
	void readsTheDocumentedBetaExample() {
		var page = reader.read(
				bytes("""
						{"@odata.nextLink": "https://graph.microsoft.com/beta/auditLogs/signins?$top=1&$skiptoken=abc",
						 "value": [{"id":"1691d37b-8579-43a7-966a-0f35583c1300","createdDateTime":"2021-06-30T16:34:32Z",
						   "userDisplayName":"Test contoso","userPrincipalName":"testaccount1@contoso.com",
						   "userId":"26be570a-1111-5555-b4e2-a37c6808512d","appId":"c44b4083-3bb0-49c1-b47d-974e53cbdf3c",
						   "appDisplayName":"Azure Portal","ipAddress":"131.107.159.37","clientAppUsed":"Browser",
						   "userAgent":"Mozilla/5.0 Edg/91.0.864.54","conditionalAccessStatus":"notApplied",
						   "incomingTokenType":"Primary Refresh Token","riskDetail":"none","riskLevelAggregated":"none",
						   "riskLevelDuringSignIn":"none","riskState":"none","riskEventTypes_v2":[],
						   "authenticationRequirement":"singleFactorAuthentication","signInEventTypes":["interactiveUser"],
						   "autonomousSystemNumber":3598,"mfaDetail":null,
						   "status":{"errorCode":50126,"failureReason":"Error validating credentials due to invalid username or password.","additionalDetails":null},
						   "location":{"city":"Redmond","state":"Washington","countryOrRegion":"US","geoCoordinates":{}}}]}"""));
		assertThat(page.nextLink()).endsWith("$skiptoken=abc");
		assertThat(page.malformed()).isEmpty();
		var signIn = page.signIns().getFirst();
		assertThat(signIn.graphId()).isEqualTo("1691d37b-8579-43a7-966a-0f35583c1300");
		assertThat(signIn.createdDateTime()).isEqualTo(Instant.parse("2021-06-30T16:34:32Z"));
		assertThat(signIn.eventType()).isEqualTo(SignInEventType.INTERACTIVE_USER);
		assertThat(signIn.ipAddress()).isEqualTo("131.107.159.37");
		assertThat(signIn.autonomousSystemNumber()).isEqualTo(3598);
		assertThat(signIn.errorCode()).isEqualTo(50126);
		assertThat(signIn.countryOrRegion()).isEqualTo("US");
		assertThat(signIn.authenticationRequirement()).isEqualTo("singleFactorAuthentication");
		assertThat(signIn.record().text()).as("stored as Graph sent it")
			.startsWith("{\"id\":\"1691d37b")
			.endsWith("\"geoCoordinates\":{}}}")
			.contains("\"mfaDetail\":null", "\"incomingTokenType\":\"Primary Refresh Token\"");
		assertThat(signIn.fields()).as("rules see no nulls or empty values")
			.doesNotContainKeys("mfaDetail", "riskEventTypes_v2")
			.containsEntry("incomingTokenType", "Primary Refresh Token")
			.containsEntry("autonomousSystemNumber", 3598)
			.containsEntry("status",
					java.util.Map.of("errorCode", 50126, "failureReason",
							"Error validating credentials due to invalid username or password."))
			.containsEntry("location",
					java.util.Map.of("city", "Redmond", "state", "Washington", "countryOrRegion", "US"));
	}

	@Test
	void readingOnlySomeMembersGivesTheSameColumnsRecordsAndErrors() throws Exception {
		var body = io.vigil.graph.simulator.SimulatedPages.page(100);
		var whole = reader.read(body);
		var none = reader.read(body, io.vigil.shared.MemberSelection.of(java.util.List.of()));
		var some = reader.read(body, io.vigil.shared.MemberSelection.of(java.util.List.of("deviceDetail")));
		assertThat(whole.signIns()).hasSize(100);
		for (var read : java.util.List.of(none, some)) {
			assertThat(read.signIns()).hasSameSizeAs(whole.signIns());
			for (int i = 0; i < whole.signIns().size(); i++) {
				assertThat(columns(read.signIns().get(i))).isEqualTo(columns(whole.signIns().get(i)));
				var all = whole.signIns().get(i).fields();
				var part = read.signIns().get(i).fields();
				assertThat(part.size()).isLessThan(all.size());
				for (var name : all.keySet()) {
					if (io.vigil.shared.RecordTree.holds(part, name)) {
						assertThat(part.get(name)).as(name).isEqualTo(all.get(name));
					}
				}
			}
		}
		assertThat(some.signIns()).allSatisfy(signIn -> assertThat(signIn.fields()).containsKey("deviceDetail"));
		assertThat(none.signIns()).allSatisfy(signIn -> assertThat(
				io.vigil.shared.RecordTree.holds(signIn.fields(), "appliedConditionalAccessPolicies"))
			.isFalse());
	}

	@Test
	void aRecordIsASliceOfItsPageNotACopy() {
		var body = bytes(
				"{\"value\":[{\"id\":\"a\",\"createdDateTime\":\"2026-11-01T10:00:00Z\",\"isInteractive\":true}]}");
		var record = reader.read(body).signIns().getFirst().record();
		assertThat(record.source()).isSameAs(body);
		assertThat(record.text())
			.isEqualTo("{\"id\":\"a\",\"createdDateTime\":\"2026-11-01T10:00:00Z\",\"isInteractive\":true}");
		assertThat(record.toArray()).isEqualTo(record.text().getBytes(StandardCharsets.UTF_8));
		assertThat(record).isEqualTo(io.vigil.graph.RecordBytes.of(record.toArray()))
			.hasSameHashCodeAs(io.vigil.graph.RecordBytes.of(record.toArray()));
		assertThatThrownBy(() -> new io.vigil.graph.RecordBytes(body, 10, body.length))
			.isInstanceOf(IndexOutOfBoundsException.class);
	}

	/** Every component of a sign-in but its tree, the record's bytes as text. */
	private static java.util.List<Object> columns(io.vigil.graph.GraphSignIn signIn) throws Exception {
		var values = new java.util.ArrayList<Object>();
		for (var component : io.vigil.graph.GraphSignIn.class.getRecordComponents()) {
			var value = component.getAccessor().invoke(signIn);
			if (!component.getName().equals("fields")) {
				values.add(value instanceof io.vigil.graph.RecordBytes bytes ? bytes.text() : value);
			}
		}
		return values;
	}

	@Test
	void keepsTheRestOfAPageWhenOneRecordIsMalformed() {
		keepsTheRestOfAPageWhenOneRecordIsMalformed(io.vigil.shared.MemberSelection.ALL);
		keepsTheRestOfAPageWhenOneRecordIsMalformed(io.vigil.shared.MemberSelection.of(java.util.List.of()));
	}

	private void keepsTheRestOfAPageWhenOneRecordIsMalformed(io.vigil.shared.MemberSelection members) {
		var page = reader.read(bytes("""
				{"value": [
				  {"id":"a","createdDateTime":"2026-11-01T10:00:00Z","signInEventTypes":["nonInteractiveUser"]},
				  {"id":"b","createdDateTime":"yesterday","signInEventTypes":["interactiveUser"]},
				  {"createdDateTime":"2026-11-01T10:00:00Z","isInteractive":true},
				  "not an object",
				  {"id":"c","createdDateTime":"2026-11-01T10:00:01.1234567+01:00","isInteractive":false,
				   "status":{"errorCode":"zero"}},
				  {"id":"d","createdDateTime":"2026-11-01T10:00:02Z","signInEventTypes":["managedIdentity"]},
				  {"id":"e","createdDateTime":"2026-11-01T10:00:03Z","isInteractive":false}
				]}"""), members);
		assertThat(page.signIns()).extracting(s -> s.graphId()).containsExactly("a", "e");
		assertThat(page.signIns().getLast().eventType()).isEqualTo(SignInEventType.NON_INTERACTIVE_USER);
		assertThat(page.malformed()).extracting(m -> m.error())
			.containsExactly("createdDateTime is not a timestamp: 'yesterday'", "the sign-in has no id",
					"a sign-in must be a JSON object, got STRING", "'errorCode' must be an integer, got '\"zero\"'",
					"unsupported signInEventTypes value 'managedIdentity'");
		assertThat(page.malformed().getFirst().graphId()).isEqualTo("b");
		assertThat(page.malformed().getFirst().rawRecord()).contains("yesterday");
		assertThat(page.nextLink()).isNull();
	}

	@Test
	void keepsNoAddressForRedactedOrInvalidIps() {
		var page = reader.read(
				bytes("""
						{"value": [
						  {"id":"a","createdDateTime":"2026-11-01T10:00:00Z","isInteractive":true,"ipAddress":"10.1.2.XXX"},
						  {"id":"b","createdDateTime":"2026-11-01T10:00:00Z","isInteractive":true,"ipAddress":"2606:4700:4400:0:0:0:0:1"},
						  {"id":"c","createdDateTime":"2026-11-01T10:00:00Z","isInteractive":true,"ipAddress":"1.2.3"},
						  {"id":"d","createdDateTime":"2026-11-01T10:00:00Z","isInteractive":true,"ipAddress":"10.0.0.0/8"}
						]}"""));
		assertThat(page.signIns()).extracting(s -> s.ipAddress())
			.containsExactly(null, "2606:4700:4400::1", null, null);
		assertThat(page.signIns().getFirst().fields()).containsEntry("ipAddress", "10.1.2.XXX");
	}

	@Test
	void refusesAPageThatIsNotJson() {
		assertThatThrownBy(() -> reader.read(bytes("{\"value\": [ {\"id\": "))).isInstanceOf(GraphUnavailable.class)
			.hasMessageContaining("not JSON");
		assertThatThrownBy(() -> reader.read(bytes("{\"error\": {}}"))).isInstanceOf(GraphUnavailable.class)
			.hasMessageContaining("'value'");
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
