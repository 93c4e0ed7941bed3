package io.vigil.ingest;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.transaction.event.TransactionalEventListener;

/** Records every {@link SignInsIngested} once its transaction has committed. */
@TestComponent
public class IngestedEventsRecorder {

	private final Queue<SignInsIngested> events = new ConcurrentLinkedQueue<>();

	@TransactionalEventListener
	void on(SignInsIngested event) {
		events.add(event);
	}

	public List<SignInsIngested> events() {
		return List.copyOf(events);
	}

	public List<Long> ids() {
		return events.stream().flatMap(event -> event.signInIds().stream()).toList();
	}

}
