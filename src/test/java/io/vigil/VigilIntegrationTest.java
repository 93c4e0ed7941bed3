package io.vigil;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The whole application, its web layer (MockMvc through the real filter chain) and the
 * in-process Graph simulator, on a database of its own. Test classes with the same
 * configuration share one context (each test makes its own organization, so none sees
 * another's rows); Spring pauses a context while another is in use, which stops its
 * schedulers. A class with properties or beans of its own, which no other class shares,
 * adds {@code @DirtiesContext} so that its context is closed after it. Each class starts
 * with the simulator as its scenario made it, and the tenants it connected are
 * disconnected after it ({@link SharedContextIsolation}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = FreshDatabase.class)
@Import({ CheapPasswordHashing.class, Simulation.class })
@TestExecutionListeners(listeners = SharedContextIsolation.class,
		mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface VigilIntegrationTest {

}
