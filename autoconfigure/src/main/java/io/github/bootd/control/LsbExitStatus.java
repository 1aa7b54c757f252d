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
package io.github.bootd.control;

/**
 * Exit statuses of the control actions, as the Linux Standard Base defines them for init
 * scripts (LSB Core 5.0, "Init Script Actions"): tools such as {@code service}, systemd's
 * LSB compatibility and monitoring scripts act on these numbers.
 *
 * @author bootd authors
 */
public final class LsbExitStatus {

	/** Success; also: start of a running service, stop of a stopped one. */
	public static final int OK = 0;

	/** Generic or unspecified error. */
	public static final int FAILED = 1;

	/** Invalid or excess arguments. */
	public static final int INVALID_ARGUMENTS = 2;

	/** Unimplemented feature. */
	public static final int UNIMPLEMENTED = 3;

	/** Insufficient privilege. */
	public static final int INSUFFICIENT_PRIVILEGE = 4;

	/** Program is not configured. */
	public static final int NOT_CONFIGURED = 6;

	/** Program is not running (an action other than status, such as reload). */
	public static final int NOT_RUNNING = 7;

	/** status: program is running or service is OK. */
	public static final int STATUS_RUNNING = 0;

	/** status: program is dead and the pid file exists. */
	public static final int STATUS_DEAD_PID_FILE_EXISTS = 1;

	/** status: program is not running. */
	public static final int STATUS_NOT_RUNNING = 3;

	/** status: program or service status is unknown. */
	public static final int STATUS_UNKNOWN = 4;

	private LsbExitStatus() {
	}

}
