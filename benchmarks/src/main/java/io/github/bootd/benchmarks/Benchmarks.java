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

/**
 * Runs the benchmarks: {@code java -jar benchmarks.jar reload [rounds]} or
 * {@code java -jar benchmarks.jar log-reopen [cycles] [rounds]}.
 *
 * @author bootd authors
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		String which = (args.length > 0) ? args[0] : "reload";
		switch (which) {
			case "reload" -> ReloadBenchmark.run(intArg(args, 1, 30), 5);
			case "log-reopen" -> LogReopenBenchmark.run(intArg(args, 1, 100), intArg(args, 2, 3));
			default -> throw new IllegalArgumentException("Unknown benchmark '" + which + "': reload or log-reopen");
		}
		System.exit(0);
	}

	private static int intArg(String[] args, int index, int defaultValue) {
		return (args.length > index) ? Integer.parseInt(args[index]) : defaultValue;
	}

}
