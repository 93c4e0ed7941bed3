package io.vigil.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.RecordTree;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The sign-ins this replica stored in the last minutes, as stored (compressed), so that
 * detection evaluates a page from memory instead of reading back what was just written.
 * Bounded by bytes and time, the oldest pages leaving first ({@link RecentWindow}); a
 * sign-in not found here (evicted, stored by another replica, delivered again after a
 * restart) is read from the database.
 */
@Component
class RecentSignIns {

	/** About 250,000 sign-ins at the few hundred bytes a compressed record takes. */
	private static final long MAX_BYTES = 64L * 1024 * 1024;

	private final RecentWindow<Recent> recent = new RecentWindow<>(MAX_BYTES, Duration.ofMinutes(10),
			signIn -> signIn.record().length + 200);

	/**
	 * The trees of the sign-ins of the pages detection has not evaluated yet: detection
	 * takes them (one parse per record), so this holds a few pages at a time. When
	 * detection falls behind, the bound drops the oldest and detection parses those from
	 * their text; a tree weighs about three times its record's bytes.
	 */
	private final Cache<Long, Tree> trees;

	private final IngestMetrics metrics;

	private final Clock clock;

	RecentSignIns(IngestSettings settings, IngestMetrics metrics, Clock clock) {
		this.metrics = metrics;
		this.clock = clock;
		this.trees = Caffeine.newBuilder()
			.maximumWeight(settings.parsedSignInBytes().toBytes())
			.weigher((Long id, Tree tree) -> tree.weight())
			.expireAfterWrite(Duration.ofMinutes(2))
			.build();
	}

	/** Keeps a page of stored sign-ins, the oldest pages making room. */
	void remember(Collection<Recent> signIns) {
		var page = new java.util.LinkedHashMap<Long, Recent>(signIns.size() * 2);
		for (var signIn : signIns) {
			page.put(signIn.facts().id(), signIn);
		}
		recent.add(page, clock.instant());
	}

	/**
	 * Keeps a stored sign-in's tree for detection to take. A whole tree weighs about
	 * three times its record; one of the members the rules read about a quarter (the
	 * shipped rules' members of the simulator's 7.6 KB records: 1.9 KB), reckoned at
	 * half.
	 */
	void rememberTree(long id, Map<String, Object> tree, int recordBytes) {
		var weight = RecordTree.whole(tree) ? recordBytes * 3 : recordBytes / 2;
		trees.put(id, new Tree(tree, weight + 200));
	}

	/** The trees of those of {@code ids} held here, by id; each is taken only once. */
	Map<Long, Map<String, Object>> takeTrees(List<Long> ids) {
		var found = trees.getAllPresent(ids);
		trees.invalidateAll(found.keySet());
		metrics.parsedAgain(ids.size() - found.size());
		var taken = new java.util.HashMap<Long, Map<String, Object>>(found.size() * 2);
		found.forEach((id, tree) -> taken.put(id, tree.fields()));
		return taken;
	}

	/**
	 * Those of {@code ids} held here for this organization, by id; the caller reads the
	 * rest from the database.
	 */
	Map<Long, Recent> find(OrganizationId organization, List<Long> ids) {
		var found = recent.getAll(ids);
		metrics.readBack(ids.size() - found.size());
		if (found.values().stream().allMatch(signIn -> signIn.organizationId().equals(organization))) {
			return found;
		}
		var own = new java.util.HashMap<Long, Recent>();
		found.forEach((id, signIn) -> {
			if (signIn.organizationId().equals(organization)) {
				own.put(id, signIn);
			}
		});
		return own;
	}

	static List<Long> missing(List<Long> ids, Map<Long, ?> found) {
		var missing = new ArrayList<Long>();
		for (var id : ids) {
			if (!found.containsKey(id)) {
				missing.add(id);
			}
		}
		return missing;
	}

	/** A record's tree and what it is reckoned to weigh in bytes. */
	private record Tree(Map<String, Object> fields, int weight) {
	}

	/** A stored sign-in with its columns and its record as stored. */
	record Recent(OrganizationId organizationId, ManagedTenantId managedTenantId, String graphId, SignInFacts facts,
			byte[] record, @Nullable Integer dictionary) {

		Instant createdAt() {
			return facts.createdAt();
		}

	}

}
