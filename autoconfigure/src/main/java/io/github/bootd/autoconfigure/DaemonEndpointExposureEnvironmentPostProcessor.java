/*
 * Copyright 2026 the bootd authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.bootd.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import io.github.bootd.settings.DaemonKey;

/**
 * Exposes the {@code daemon} endpoint over HTTP by default once the application is a
 * daemon ({@code daemon.enabled=true}), so that "add the starter, set
 * {@code daemon.enabled=true}, query {@code /actuator/daemon}" works without a third
 * setting.
 * <p>
 * Boot exposes only {@code health} over HTTP unless
 * {@code management.endpoints.web.exposure.include} is set, and setting it replaces that
 * default. So the default added here is {@code health,daemon}, in a property source of
 * the lowest precedence, and only when the application sets no include of its own, from
 * any source: the user's include always wins, a
 * {@code management.endpoints.web.exposure.exclude} applies on top of it as on Boot's own
 * default, and {@code management.endpoint.daemon.access} still decides whether the
 * endpoint exists at all and whether its writes are open (read-only by default). What it
 * shows by default is a summary ({@link DaemonEndpointProperties#getShowDetails()}).
 *
 * @author bootd authors
 */
public final class DaemonEndpointExposureEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source holding the default. */
	public static final String PROPERTY_SOURCE_NAME = "bootdDaemonEndpointExposure";

	static final String INCLUDE = "management.endpoints.web.exposure.include";

	/** Boot's own default ({@code EndpointExposure.WEB}) and the daemon endpoint. */
	static final String DEFAULT_INCLUDE = "health,daemon";

	private static final boolean ACTUATOR_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
			DaemonEndpointExposureEnvironmentPostProcessor.class.getClassLoader());

	/** After every other post-processor, so that everything the user set is seen. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ACTUATOR_PRESENT || !daemonEnabled(environment) || includeIsSet(environment)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(INCLUDE, DEFAULT_INCLUDE)));
	}

	private static boolean daemonEnabled(ConfigurableEnvironment environment) {
		try {
			return Binder.get(environment).bind(DaemonKey.ENABLED.property(), Boolean.class).orElse(false);
		}
		catch (BindException ex) {
			// Reported with its fix by the daemon's own checks; no default to add
			return false;
		}
	}

	/**
	 * Whether the application sets an include, in any form Boot binds: relaxed names
	 * ({@code MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE}), indexed ({@code include[0]})
	 * or empty, which asks for Boot's default and must not be turned into ours.
	 */
	private static boolean includeIsSet(ConfigurableEnvironment environment) {
		if (environment.containsProperty(INCLUDE)) {
			return true;
		}
		try {
			return Binder.get(environment).bind(INCLUDE, Bindable.listOf(String.class)).isBound();
		}
		catch (BindException ex) {
			return true;
		}
	}

}
