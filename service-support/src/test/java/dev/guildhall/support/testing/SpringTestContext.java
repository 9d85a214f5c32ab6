package dev.guildhall.support.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.springframework.test.context.TestContextManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives a jqwik container what {@code SpringExtension} gives a Jupiter class: the Spring test context of its
 * annotations ({@code @SpringBootTest}, {@code @DynamicPropertySource}, ...) and injection into the instance jqwik made
 * for a property ({@code @LocalServerPort}, {@code @Autowired}). Spring's context cache is shared with the Jupiter tests
 * of the same JVM, so a fuzz property reuses the application the module's other integration tests started. Register
 * it with {@code @AddLifecycleHook(SpringTestContext.class)} on the container.
 */
public final class SpringTestContext implements AroundPropertyHook {

    private static final Map<Class<?>, TestContextManager> MANAGERS = new ConcurrentHashMap<>();

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property)
            throws Throwable {
        TestContextManager manager = MANAGERS.computeIfAbsent(context.containerClass(), type -> {
            TestContextManager created = new TestContextManager(type);
            try {
                created.beforeTestClass();
            } catch (Exception e) {
                throw new IllegalStateException("Spring test context of " + type.getName(), e);
            }
            return created;
        });
        Object instance = context.testInstance();
        manager.prepareTestInstance(instance);
        manager.beforeTestMethod(instance, context.targetMethod());
        PropertyExecutionResult result = property.execute();
        manager.afterTestMethod(instance, context.targetMethod(), result.throwable().orElse(null));
        return result;
    }

    /** Outside {@link FuzzSettings}, so the property's instance is ready before anything else looks at it. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }

    /** Registered on the container, it applies to the container's properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }
}
