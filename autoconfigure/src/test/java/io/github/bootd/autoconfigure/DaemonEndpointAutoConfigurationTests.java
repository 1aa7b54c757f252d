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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.actuate.TestDaemonRuntime;
import io.github.bootd.actuate.endpoint.DaemonEndpoint.DaemonDescriptor;
import io.github.bootd.actuate.endpoint.DaemonEndpoint.LogReopenDescriptor;
import io.github.bootd.actuate.endpoint.DaemonEndpoint.ReloadDescriptor;
import io.github.bootd.actuate.endpoint.DaemonEndpoint.SummaryDescriptor;
import io.github.bootd.actuate.endpoint.DaemonEndpoint.UnavailableDescriptor;
import io.github.bootd.actuate.endpoint.DaemonEndpoint;
import io.github.bootd.actuate.endpoint.DaemonEndpointWebExtension;
import io.github.bootd.logging.DaemonLogsReopenedEvent;
import io.github.bootd.logging.LogReopener;
import io.github.bootd.reload.ConfigurationReloader;
import io.github.bootd.reload.DaemonReloadedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DaemonEndpointAutoConfiguration}.
 *
 * @author bootd authors
 */
class DaemonEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DaemonAutoConfiguration.class, DaemonEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=daemon");

	@Test
	void runWhenExposedShouldHaveEndpointBean() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenExposedOverHttpShouldHaveWebExtensionThatShowsTheSummary() {
		this.contextRunner.run((context) -> assertThat(context).getBean(DaemonEndpointWebExtension.class)
			.satisfies((extension) -> assertThat(extension.daemon(SecurityContext.NONE))
				.isInstanceOf(SummaryDescriptor.class)));
	}

	@Test
	void runWhenShowDetailsIsAlwaysShouldHaveWebExtensionThatShowsTheDetails() {
		this.contextRunner.withPropertyValues("management.endpoint.daemon.show-details=always")
			.run((context) -> assertThat(context).getBean(DaemonEndpointWebExtension.class)
				.satisfies((extension) -> assertThat(extension.daemon(SecurityContext.NONE))
					.isInstanceOf(DaemonDescriptor.class)));
	}

	@Test
	void runWhenShowDetailsIsWhenAuthorizedShouldBindTheRoles() {
		this.contextRunner
			.withPropertyValues("management.endpoint.daemon.show-details=when-authorized",
					"management.endpoint.daemon.roles=OPS,ADMIN")
			.run((context) -> {
				DaemonEndpointProperties properties = context.getBean(DaemonEndpointProperties.class);
				assertThat(properties.getShowDetails()).isEqualTo(Show.WHEN_AUTHORIZED);
				assertThat(properties.getRoles()).containsExactly("OPS", "ADMIN");
			});
	}

	@Test
	void runWhenExposedOnlyOverJmxShouldNotHaveWebExtension() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DaemonAutoConfiguration.class, DaemonEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.jmx.exposure.include=daemon", "spring.jmx.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(DaemonEndpoint.class);
				assertThat(context).doesNotHaveBean(DaemonEndpointWebExtension.class);
			});
	}

	@Test
	void runWhenNotExposedShouldNotHaveEndpointBean() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DaemonAutoConfiguration.class, DaemonEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenAccessIsNoneShouldNotHaveEndpointBean() {
		this.contextRunner.withPropertyValues("management.endpoint.daemon.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenActuatorIsNotOnTheClassPathShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(DaemonEndpoint.class);
			assertThat(context).hasSingleBean(DaemonActivity.class);
		});
	}

	@Test
	void runWhenUserDefinesEndpointShouldBackOff() {
		DaemonEndpoint own = new DaemonEndpoint(null, new DaemonActivity(), () -> null, () -> null);
		this.contextRunner.withBean("ownDaemonEndpoint", DaemonEndpoint.class, () -> own)
			.run((context) -> assertThat(context).getBean(DaemonEndpoint.class).isSameAs(own));
	}

	@Test
	void runWhenDaemonIsDisabledShouldAnswerNotADaemon() {
		this.contextRunner.withPropertyValues("daemon.enabled=false").run((context) -> {
			DaemonDescriptor descriptor = context.getBean(DaemonEndpoint.class).daemon();
			assertThat(descriptor.daemon()).isFalse();
			assertThat(descriptor.message()).contains("Not running as a daemon").contains("daemon.enabled=true");
			assertThat(descriptor.process().pid()).isEqualTo(ProcessHandle.current().pid());
			assertThat(descriptor.pidFile()).isNull();
			assertThat(descriptor.mode()).isNull();
		});
	}

	@Test
	void runWhenDaemonRuntimeExistsShouldDescribeIt(@TempDir Path directory) throws IOException {
		DaemonRuntime runtime = TestDaemonRuntime.create(directory);
		this.contextRunner.withBean("daemonRuntime", DaemonRuntime.class, () -> runtime).run((context) -> {
			DaemonDescriptor descriptor = context.getBean(DaemonEndpoint.class).daemon();
			assertThat(descriptor.daemon()).isTrue();
			assertThat(descriptor.message()).isNull();
			assertThat(descriptor.mode()).isEqualTo("detached");
			assertThat(descriptor.configuredMode()).isEqualTo("detach");
			assertThat(descriptor.supervisor()).isEqualTo("none");
			assertThat(descriptor.launchDirectory()).isEqualTo(directory.toString());
			assertThat(descriptor.outputFile()).isEqualTo(directory.resolve("daemon.out").toString());
			assertThat(descriptor.pidFile().path()).isEqualTo(directory.resolve("daemon.pid").toString());
			assertThat(descriptor.pidFile().pid()).isEqualTo(ProcessHandle.current().pid());
			assertThat(descriptor.pidFile().locked()).isTrue();
			assertThat(descriptor.pidFile().state()).isEqualTo("held");
			assertThat(descriptor.startTime()).isEqualTo(runtime.getStartTime());
		});
	}

	@Test
	void performWhenReloaderAndReopenerExistShouldUseThemAndRecordIt() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(ConfigurationReloadAutoConfiguration.class, LogReopenAutoConfiguration.class))
			.run((context) -> {
				DaemonEndpoint endpoint = context.getBean(DaemonEndpoint.class);
				assertThat(endpoint.perform("reload")).isInstanceOfSatisfying(ReloadDescriptor.class, (reload) -> {
					assertThat(reload.generation()).isEqualTo(1);
					assertThat(reload.outcome()).isEqualTo("applied");
				});
				assertThat(endpoint.perform("reopen-logs")).isInstanceOfSatisfying(LogReopenDescriptor.class,
						(reopen) -> assertThat(reopen.outcome()).isEqualTo("reopened"));
				DaemonActivity activity = context.getBean(DaemonActivity.class);
				assertThat(activity.getCount(DaemonReloadedEvent.class)).isEqualTo(1);
				assertThat(activity.getCount(DaemonLogsReopenedEvent.class)).isEqualTo(1);
				assertThat(endpoint.daemon().reloads().last().generation()).isEqualTo(1);
			});
	}

	@Test
	void performWhenReloaderAndReopenerAreAbsentShouldSaySo() {
		this.contextRunner.run((context) -> {
			DaemonEndpoint endpoint = context.getBean(DaemonEndpoint.class);
			assertThat(endpoint.perform("reload")).isInstanceOfSatisfying(UnavailableDescriptor.class,
					(answer) -> assertThat(answer.message()).contains("No ConfigurationReloader bean")
						.contains("ConfigurationReloadAutoConfiguration"));
			assertThat(endpoint.perform("reopen-logs")).isInstanceOfSatisfying(UnavailableDescriptor.class,
					(answer) -> assertThat(answer.message()).contains("No LogReopener bean"));
			assertThat(context.getBean(DaemonActivity.class).getCount(DaemonReloadedEvent.class)).isZero();
		});
	}

	@Test
	void performWhenActionIsUnknownShouldBeAnInvalidRequest() {
		this.contextRunner.run((context) -> assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> context.getBean(DaemonEndpoint.class).perform("restart"))
			.withMessageContaining("'restart'")
			.withMessageContaining("reload")
			.withMessageContaining("reopen-logs"));
	}

	@Test
	void performOverJmxWhenAccessIsUnrestrictedShouldReload() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
					JmxEndpointAutoConfiguration.class, DaemonAutoConfiguration.class,
					DaemonEndpointAutoConfiguration.class, ConfigurationReloadAutoConfiguration.class))
			.withPropertyValues("spring.jmx.enabled=true", "spring.jmx.unique-names=true",
					"management.endpoints.jmx.exposure.include=daemon",
					"management.endpoint.daemon.access=UNRESTRICTED")
			.run((context) -> {
				MBeanServer server = context.getBean(MBeanServer.class);
				ObjectName name = server
					.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Daemon,*"), null)
					.iterator()
					.next();
				Object answer = server.invoke(name, "perform", new Object[] { "reload" },
						new String[] { String.class.getName() });
				assertThat(answer).isInstanceOfSatisfying(Map.class,
						(reload) -> assertThat(reload).containsEntry("outcome", "applied"));
				assertThat(context.getBean(DaemonActivity.class).getCount(DaemonReloadedEvent.class)).isEqualTo(1);
			});
	}

}
