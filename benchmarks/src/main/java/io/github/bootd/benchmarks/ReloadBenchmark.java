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
package io.github.bootd.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult;

/**
 * Reload latency on an application with 100 {@code @ConfigurationProperties} beans and
 * one changed key: bootd's SIGHUP (raised in-process, so the delivery goes through the
 * kernel and the JVM's signal dispatch, without the cost of starting a {@code kill}
 * process) until the reload is applied, against Spring Cloud Context's
 * {@code ContextRefresher.refresh()} on the same application, alternating round by round
 * so both see the same machine load.
 *
 * @author bootd authors
 */
final class ReloadBenchmark {

	private ReloadBenchmark() {
	}

	static void run(int rounds, int warmup) throws Exception {
		Path directory = Files.createTempDirectory("bootd-reload-bench");
		Path config = directory.resolve("application.properties");
		write(config, "start");
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		BlockingQueue<ReloadResult> results = new ArrayBlockingQueue<>(16);
		application.addListeners(new ReloadListener(results));
		application.addInitializers(new HundredProperties());
		try (ConfigurableApplicationContext context = application.run(
				"--spring.config.additional-location=file:" + directory + "/", "--daemon.enabled=true",
				"--daemon.mode=foreground", "--daemon.pid-file=" + directory.resolve("bench.pid"),
				"--logging.level.root=WARN")) {
			ContextRefresher refresher = context.getBean(ContextRefresher.class);
			HundredProperties.Bench p7 = context.getBean(HundredProperties.beanName(7), HundredProperties.Bench.class);
			check(context.getBeansOfType(HundredProperties.Bench.class).size() == HundredProperties.COUNT,
					"expected " + HundredProperties.COUNT + " properties beans");
			List<Double> bootd = new ArrayList<>();
			List<Double> cloud = new ArrayList<>();
			for (int round = 0; round < warmup + rounds; round++) {
				String value = "bootd" + round;
				write(config, value);
				long start = System.nanoTime();
				Signal.raise(new Signal("HUP"));
				ReloadResult result = results.poll(60, TimeUnit.SECONDS);
				long bootdNanos = System.nanoTime() - start;
				check(result != null && p7.getValue().equals(value), "bootd did not apply " + value + ": " + result);
				value = "cloud" + round;
				write(config, value);
				start = System.nanoTime();
				refresher.refresh();
				long cloudNanos = System.nanoTime() - start;
				check(p7.getValue().equals(value), "ContextRefresher did not apply " + value);
				if (round >= warmup) {
					bootd.add(bootdNanos / 1e6);
					cloud.add(cloudNanos / 1e6);
				}
			}
			Collections.sort(bootd);
			Collections.sort(cloud);
			System.out.printf("Reload, 100 @ConfigurationProperties beans, 1 changed key, %d rounds (+%d warm-up), "
					+ "alternating%n", rounds, warmup);
			System.out.println("| | p50 ms | p90 ms | max ms |");
			System.out.println("|---|---:|---:|---:|");
			System.out.printf("| bootd SIGHUP → applied | %.1f | %.1f | %.1f |%n", p(bootd, 50), p(bootd, 90),
					p(bootd, 100));
			System.out.printf("| spring-cloud-context 5.0.3 ContextRefresher.refresh() | %.1f | %.1f | %.1f |%n",
					p(cloud, 50), p(cloud, 90), p(cloud, 100));
			System.out.printf("| ratio (cloud / bootd) | %.1f× | %.1f× | |%n", p(cloud, 50) / p(bootd, 50),
					p(cloud, 90) / p(bootd, 90));
		}
	}

	private static void write(Path config, String value) throws Exception {
		StringBuilder properties = new StringBuilder();
		for (int i = 0; i < HundredProperties.COUNT; i++) {
			properties.append("bench.p").append(i).append(".value=").append((i == 7) ? value : "v" + i).append('\n');
			properties.append("bench.p").append(i).append(".count=").append(i).append('\n');
		}
		Files.writeString(config, properties);
	}

	static double p(List<Double> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

	private record ReloadListener(
			BlockingQueue<ReloadResult> results) implements ApplicationListener<DaemonReloadedEvent> {

		@Override
		public void onApplicationEvent(DaemonReloadedEvent event) {
			this.results.offer(event.getResult());
		}

	}

}
