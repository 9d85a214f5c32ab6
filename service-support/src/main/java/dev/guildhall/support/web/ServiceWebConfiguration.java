package dev.guildhall.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Registers the one error handler of a servlet service (problem+json with a stable code, DESIGN's 429). */
@AutoConfiguration
@Import(ErrorHandler.class)
public class ServiceWebConfiguration {
}
