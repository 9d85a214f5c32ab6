package dev.guildhall.gateway.webapp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Serves the web client from its build directory with a single-page-app fallback, after the gateway
 * routes (resource handlers have the lowest precedence). Hashed files under {@code /assets/} are
 * cached for a year, everything else is revalidated. Without a built client, a built-in page says
 * that Guildhall is running and where the API is.
 */
@Configuration(proxyBeanMethods = false)
public class WebAppConfig implements WebFluxConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebAppConfig.class);
    private static final List<String> DEFAULT_ROOTS = List.of("web-client/dist", "../web-client/dist");
    private static final String BUILT_IN = "classpath:/builtin-web/";

    private final Optional<Path> root;

    public WebAppConfig(WebAppProperties properties) {
        this.root = resolveRoot(properties.root(), Path.of("").toAbsolutePath());
        root.ifPresentOrElse(dir -> log.info("Serving the web client from {}", dir),
                () -> log.info("No built web client found (GUILDHALL_WEB_ROOT={}); serving the built-in page",
                        properties.root().isEmpty() ? "<unset>" : properties.root()));
    }

    /** The first candidate directory holding an {@code index.html}, relative ones against {@code workingDir}. */
    static Optional<Path> resolveRoot(String configured, Path workingDir) {
        List<String> candidates = configured.isEmpty() ? DEFAULT_ROOTS : List.of(configured);
        return candidates.stream()
                .map(candidate -> workingDir.resolve(candidate).normalize())
                .filter(dir -> Files.isRegularFile(dir.resolve("index.html")))
                .findFirst();
    }

    public Optional<Path> root() {
        return root;
    }

    private Resource index() {
        return root.<Resource>map(dir -> new FileSystemResource(dir.resolve("index.html")))
                .orElseGet(() -> new ClassPathResource("builtin-web/index.html"));
    }

    /** {@code /} itself (a resource handler never serves the empty path). */
    @Bean
    RouterFunction<ServerResponse> webAppIndex() {
        Resource index = index();
        return RouterFunctions.route()
                .GET("/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()).bodyValue(index))
                .build();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String location = root.map(dir -> "file:" + dir + "/").orElse(BUILT_IN);
        Resource index = index();
        if (root.isPresent()) {
            registry.addResourceHandler("/assets/**")
                    .addResourceLocations(location + "assets/")
                    .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable())
                    .resourceChain(false);
        }
        registry.addResourceHandler("/**")
                .addResourceLocations(location)
                .setCacheControl(CacheControl.noCache())
                // no resolution cache: the fallback depends on the Accept header
                .resourceChain(false)
                .addResolver(new SpaFallbackResolver(index));
    }
}
