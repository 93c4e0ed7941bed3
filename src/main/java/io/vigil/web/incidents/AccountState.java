package io.vigil.web.incidents;

import java.util.List;

import io.vigil.incidents.TimelineEntry;
import org.jspecify.annotations.Nullable;

/**
 * Whether the incident's account can sign in, as the timeline last learned it (a reading
 * or a block/unblock).
 */
final class AccountState {

	private AccountState() {
	}

	/**
	 * @return true when blocked, false when allowed, null when the timeline does not say
	 */
	static @Nullable Boolean blocked(List<TimelineEntry> timeline) {
		Boolean blocked = null;
		for (var entry : timeline) {
			if (entry.kind().equals("account-checked")
					&& entry.detail().get("accountEnabled") instanceof Boolean enabled) {
				blocked = !enabled;
			}
			else if (entry.kind().equals("action") && "success".equals(entry.detail().get("outcome"))) {
				var action = String.valueOf(entry.detail().get("action"));
				if (action.equals("BLOCK_SIGN_IN")) {
					blocked = true;
				}
				else if (action.equals("UNBLOCK_SIGN_IN")) {
					blocked = false;
				}
			}
		}
		return blocked;
	}

}
