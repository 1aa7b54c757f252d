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
package io.github.bootd;

import java.time.Duration;
import java.util.Locale;

/**
 * How bootd writes a duration in its messages, the same in the launch report, the systemd
 * status and the control actions.
 *
 * @author bootd authors
 */
public final class DurationText {

	private DurationText() {
	}

	/**
	 * Write a duration in seconds with two decimals, such as {@code 1.25 s}. The root
	 * locale keeps the decimal point a point whatever the operator's locale.
	 * @param duration the duration
	 * @return the text
	 */
	public static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
	}

	/**
	 * Write a duration as an uptime, to the two largest units, such as {@code 42s},
	 * {@code 1m02s}, {@code 2h05m} or {@code 2d02h}; a negative one (a clock stepped
	 * back) as {@code 0s}.
	 * @param duration the duration
	 * @return the text
	 */
	public static String uptime(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
		}
		if (seconds < 86400) {
			return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
		}
		return String.format(Locale.ROOT, "%dd%02dh", seconds / 86400, (seconds % 86400) / 3600);
	}

}
