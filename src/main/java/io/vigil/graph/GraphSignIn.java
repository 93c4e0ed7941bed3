package io.vigil.graph;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A sign-in as Graph reported it: the fields rules and the UI query, the whole record as
 * Graph sent it, and the same record as the tree rules evaluate. Read once from the page:
 * the tree is what the reader built while passing over the record.
 *
 * @param ipAddress the address as a valid IPv4/IPv6 literal, or null when Graph sent none
 * or a redacted one
 * @param latitude {@code location.geoCoordinates.latitude} when Graph located the sign-in
 * @param longitude {@code location.geoCoordinates.longitude} likewise
 * @param record the record as Graph sent it, UTF-8 JSON (a slice of its page)
 * @param fields the record as maps and lists, nulls and empty values dropped
 * ({@link io.vigil.shared.RecordTree})
 */
public record GraphSignIn(String graphId, Instant createdDateTime, SignInEventType eventType, @Nullable String userId,
		@Nullable String userPrincipalName, @Nullable String userDisplayName, @Nullable String appId,
		@Nullable String appDisplayName, @Nullable String ipAddress, @Nullable String countryOrRegion,
		@Nullable String city, @Nullable Integer autonomousSystemNumber, @Nullable String userAgent,
		@Nullable String clientAppUsed, @Nullable Integer errorCode, @Nullable String failureReason,
		@Nullable String conditionalAccessStatus, @Nullable String authenticationRequirement,
		@Nullable String riskLevelAggregated, @Nullable String riskLevelDuringSignIn, @Nullable String riskState,
		@Nullable String riskDetail, @Nullable Double latitude, @Nullable Double longitude, RecordBytes record,
		Map<String, Object> fields) {
}
