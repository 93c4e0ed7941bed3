package io.vigil;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * The operator's view of events whose listeners gave up ({@code /actuator/failedevents},
 * exposed like any actuator endpoint: not by default), and the way to deliver one again
 * once its cause is fixed.
 */
@Component
@Endpoint(id = "failedevents")
class FailedEventsEndpoint {

	private final FailedEventRetry retry;

	FailedEventsEndpoint(FailedEventRetry retry) {
		this.retry = retry;
	}

	@ReadOperation
	List<FailedEventRetry.GivenUp> givenUp() {
		return retry.givenUp();
	}

	@WriteOperation
	boolean resubmit(@Selector UUID id) {
		return retry.resubmitByHand(id);
	}

}
