package dev.guildhall.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * Registers the one error handler of a servlet service (problem+json with a stable code, DESIGN's 429).
 * Runs before Boot's web MVC auto-configuration so that Boot's own {@code ProblemDetailsExceptionHandler}
 * ({@code spring.mvc.problemdetails.enabled}, on in every service) sees this handler and steps aside.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ErrorHandler.class)
public class ServiceWebConfiguration {
}
