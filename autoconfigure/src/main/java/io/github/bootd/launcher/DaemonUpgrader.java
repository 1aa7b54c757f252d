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

package io.github.bootd.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.DurationText;
import io.github.bootd.Supervisor;
import io.github.bootd.control.LaunchCommand;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.process.NativePosix;
import io.github.bootd.process.ProcessExit;
import io.github.bootd.signal.DaemonUpgradeRequestedEvent;
import io.github.bootd.upgrade.Acceptors;
import io.github.bootd.upgrade.DaemonUpgradedEvent;
import io.github.bootd.upgrade.DaemonUpgradingEvent;
import io.github.bootd.upgrade.ListeningSockets;
import io.github.bootd.upgrade.MainProcess;
import io.github.bootd.upgrade.SeparatePorts;
import io.github.bootd.upgrade.Succession;
import io.github.bootd.upgrade.UpgradeResult;

/**
 * Upgrades the running daemon on USR2 ({@code --daemon.action=upgrade}), as nginx's and
 * unicorn's binary upgrade: starts a successor from the command the daemon was launched
 * with, lends it the listening socket, and once it is ready hands it the pid file and
 * shuts down gracefully. A successor that fails is stopped, and this instance serves on
 * as if nothing happened. In the foreground of a systemd unit ({@code Type=notify} with
 * {@code PIDFile=}) the successor stays in the unit, on its journal, and systemd follows
 * it through the pid file once this instance exits.
 *
 * @author bootd authors
 */
public final class DaemonUpgrader implements DisposableBean {

	private static final Log logger = LogFactory.getLog(DaemonUpgrader.class);

	/** How long a failed successor may take to stop after SIGTERM, before SIGKILL. */
	private static final Duration SUCCESSOR_STOP_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * How long open connections may take to finish before the graceful shutdown: a
	 * closed-loop client needs milliseconds, an idle keep-alive one is closed after it.
	 */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

	private final @Nullable DaemonRuntime runtime;

	private final Environment environment;

	private final ApplicationEventPublisher publisher;

	private final @Nullable Acceptors acceptors;

	private final @Nullable MainProcess mainProcess;

	private final @Nullable SeparatePorts separatePorts;

	private final AtomicBoolean inProgress = new AtomicBoolean();

	private final AtomicLong successor = new AtomicLong();

	private volatile boolean handedOver;

	private final @Nullable Succession succession = Succession.ofThisProcess();

	/**
	 * Create an upgrader.
	 * @param runtime the daemon runtime, {@code null} when this process is no daemon
	 * @param environment the environment, where the web server's port is found
	 * @param publisher where outcomes are published
	 * @param acceptors what stops the web server's accepting, {@code null} when the web
	 * server is not one bootd can upgrade
	 * @param mainProcess the supervisor that follows this process as a service's main
	 * process ({@code NOTIFY_SOCKET}), {@code null} when there is none
	 * @param separatePorts the servers on ports of their own, released for the
	 * successor's start, {@code null} when this process runs no web server
	 */
	public DaemonUpgrader(@Nullable DaemonRuntime runtime, Environment environment, ApplicationEventPublisher publisher,
			@Nullable Acceptors acceptors, @Nullable MainProcess mainProcess, @Nullable SeparatePorts separatePorts) {
		this.runtime = runtime;
		this.environment = environment;
		this.publisher = publisher;
		this.acceptors = acceptors;
		this.mainProcess = mainProcess;
		this.separatePorts = separatePorts;
	}

	/**
	 * A successor tells, once it holds the pid file, that the upgrade which started it
	 * succeeded: its state file, endpoint and metrics carry the upgrade on.
	 * @param event the event
	 */
	@EventListener
	void onReady(ApplicationReadyEvent event) {
		DaemonRuntime runtime = this.runtime;
		Succession succession = this.succession;
		if (runtime == null || succession == null || !runtime.getPidFile().isSucceeding()) {
			return;
		}
		runtime.getPidFile().whenHandedOver(() -> {
			Duration took = Duration.between(succession.began(), Instant.now());
			this.publisher.publishEvent(new DaemonUpgradedEvent(this, new UpgradeResult(succession.began(), took, true,
					succession.predecessor(), ProcessHandle.current().pid(), null), succession.generation()));
		});
	}

	@EventListener
	void onUpgradeRequested(DaemonUpgradeRequestedEvent event) {
		Instant began = Instant.now();
		String problem = problem();
		if (problem != null) {
			logger.warn("Not upgrading (USR2): " + problem);
			failed(began, 0, problem);
			return;
		}
		if (!this.inProgress.compareAndSet(false, true)) {
			logger.warn("Not upgrading (USR2): an upgrade is in progress already (successor pid " + this.successor.get()
					+ ")");
			return;
		}
		Thread thread = new Thread(() -> upgrade(began), "bootd-upgrade");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Why this instance cannot be upgraded, checked before anything starts.
	 */
	private @Nullable String problem() {
		DaemonRuntime runtime = this.runtime;
		if (runtime == null) {
			return "this process is no daemon";
		}
		if (!runtime.isDetached()) {
			if (runtime.getSupervisor() == Supervisor.CONTAINER) {
				return "it runs in the foreground as a container's PID 1: the container ends when this process does;"
						+ " roll the container instead";
			}
			if (runtime.getSupervisor() != Supervisor.SYSTEMD) {
				return "it runs in the foreground under a supervisor, which would lose track of the successor;"
						+ " restart it through its supervisor";
			}
			if (this.mainProcess == null) {
				return "it runs under systemd without NOTIFY_SOCKET (not a Type=notify unit); use Type=notify"
						+ " with PIDFile= (docs/systemd.md, Upgrades) or systemctl restart";
			}
			// systemd sets PIDFILE for a unit with PIDFile=, the file it reads again to
			// follow a main process that moved to a new pid
			String unitPidFile = System.getenv("PIDFILE");
			Path pidFile = runtime.getPidFile().getPath().toAbsolutePath().normalize();
			if (unitPidFile == null || !Path.of(unitPidFile).toAbsolutePath().normalize().equals(pidFile)) {
				return "systemd follows a successor only through the unit's PIDFile=, which "
						+ ((unitPidFile != null) ? "names " + unitPidFile + ", not " : "is not set; set it to ")
						+ pidFile + " (bootd's pid file, daemon.pid-file), or use systemctl restart";
			}
		}
		else if (runtime.getSupervisor() == Supervisor.SYSTEMD) {
			return "it was detached under systemd (a Type=forking unit), where bootd does not upgrade (the"
					+ " detached successor's hand-over to systemd is not tested); run it as Type=notify with PIDFile="
					+ " (docs/systemd.md, Upgrades) or use systemctl restart";
		}
		if (record() == null) {
			return "it has no record of the command it was launched with";
		}
		if (port("local.server.port") <= 0) {
			return "it serves on no TCP port (local.server.port is not set)";
		}
		if (this.acceptors == null) {
			return "its web server is not Tomcat, the one whose accepting bootd can stop without losing a"
					+ " connection; restart it instead";
		}
		int management = port("local.management.port");
		if (management > 0 && management != port("local.server.port") && this.separatePorts == null) {
			return "it serves the management endpoints on a port of their own (" + management + ", management"
					+ ".server.port), which nothing here can release for the successor; serve them on the main port"
					+ " or restart";
		}
		return null;
	}

	private void upgrade(Instant began) {
		// problem() said there is a runtime, its native calls and a record
		DaemonRuntime runtime = Objects.requireNonNull(this.runtime);
		Acceptors acceptors = Objects.requireNonNull(this.acceptors);
		LaunchCommand record = Objects.requireNonNull(record());
		// In the foreground of a systemd unit: problem() said it notifies
		MainProcess mainProcess = runtime.isDetached() ? null : this.mainProcess;
		List<Integer> released = List.of();
		try {
			NativePosix posix = (runtime.getPosix() != null) ? runtime.getPosix() : NativePosix.load();
			int port = port("local.server.port");
			OptionalInt descriptor = ListeningSockets.ofThisProcess().descriptor(port);
			if (descriptor.isEmpty()) {
				failed(began, 0, "found no socket of this process listening on port " + port);
				return;
			}
			released = release();
			logger.info("Upgrading (USR2): starting a successor from " + record.getJvm() + " in "
					+ record.getDirectory() + ", handing it the socket of port " + port
					+ (released.isEmpty() ? "" : ", its server on port(s) " + released + " stopped for the successor"));
			this.publisher.publishEvent(new DaemonUpgradingEvent(this, 0));
			SuccessorLaunch launch = SuccessorLaunch.of(record, runtime.getSettings().startupTimeout());
			SuccessorLaunch.Outcome outcome = ((mainProcess != null) ? launch.attached() : launch).start(posix,
					descriptor.getAsInt(), Succession.forSuccessorOfThisProcess(began, generation() + 1), (pid) -> {
						this.successor.set(pid);
						this.publisher.publishEvent(new DaemonUpgradingEvent(this, pid));
					});
			long pid = outcome.process().pid();
			String refusal = refusal(outcome, runtime.getPidFile().getPath());
			if (refusal != null) {
				stop(outcome.process());
				failed(began, pid, refusal + takeBack(released));
				return;
			}
			runtime.getPidFile().handOver(pid);
			this.handedOver = true;
			if (mainProcess != null) {
				// The pid file names the successor, which systemd reads when this process
				// exits; from now on this process must not say it stops
				if (!mainProcess.handOver("Upgraded: pid " + pid + " serves, pid " + ProcessHandle.current().pid()
						+ " drains and exits")) {
					logger.warn("Could not tell systemd that pid " + pid + " serves now (STATUS=); it follows the"
							+ " successor through PIDFile= all the same");
				}
			}
			// Committed: the successor serves and holds the pid file
			drain(acceptors, port, posix, runtime);
			logger.info("Upgraded: pid " + ProcessHandle.current().pid() + " handed the listening socket and the pid"
					+ " file " + runtime.getPidFile().getPath() + " to pid " + pid + " in "
					+ DurationText.seconds(Duration.between(began, Instant.now())) + "; shutting down gracefully");
			// An orderly exit: Spring Boot's shutdown hook stops accepting, lets
			// in-flight requests finish (graceful shutdown) and closes the context
			ProcessExit.exit(0);
		}
		catch (IOException | RuntimeException ex) {
			long pid = this.successor.get();
			ProcessHandle.of(pid).ifPresent(this::stop);
			failed(began, pid, "could not start the successor: " + ex + takeBack(released));
		}
		finally {
			if (!this.handedOver) {
				this.inProgress.set(false);
			}
		}
	}

	/**
	 * Close the ports of the servers that serve on one of their own (a separate
	 * management port), which the successor binds as it starts: only the main listening
	 * socket can be handed over. Until the successor is ready, or this instance took them
	 * back, they answer nothing.
	 */
	private List<Integer> release() {
		SeparatePorts separatePorts = this.separatePorts;
		return (separatePorts != null) ? separatePorts.release() : List.of();
	}

	/**
	 * Bind again the ports {@link #release()} closed, once the failed successor exited;
	 * returns what to add to the failure's text.
	 */
	private String takeBack(List<Integer> released) {
		SeparatePorts separatePorts = this.separatePorts;
		if (released.isEmpty() || separatePorts == null) {
			return "";
		}
		try {
			separatePorts.takeBack();
			logger.info("Serving again on port(s) " + released + ", stopped for the successor");
			return "";
		}
		catch (RuntimeException ex) {
			logger.error("Could not serve on port(s) " + released + " again after the failed upgrade", ex);
			return "; port(s) " + released + ", stopped for the successor, could not be bound again: " + ex;
		}
	}

	/**
	 * Stop accepting on the shared socket, then give the connections this instance
	 * accepted a moment to finish (each is told to close after its next response): Spring
	 * Boot's graceful shutdown, which comes next, pauses Tomcat, and a paused Tomcat
	 * answers a request that arrives on an open connection with 503.
	 */
	private void drain(Acceptors acceptors, int port, NativePosix posix, DaemonRuntime runtime) {
		long open;
		try {
			open = acceptors.stopAndDrain(port, DRAIN_TIMEOUT);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not stop accepting on port " + port + " (" + ex + "): the graceful shutdown does,"
					+ " and a connection this instance accepts meanwhile may be lost");
			return;
		}
		finally {
			// Closing an inherited channel points descriptors 0 to 2 at /dev/null; in the
			// foreground they are systemd's journal, which only a new process gets
			if (runtime.isDetached()) {
				posix.redirectOutput(runtime.getSettings().outputFile());
			}
		}
		logger.info("Stopped accepting on port " + port + "; "
				+ ((open > 0) ? open + " connection(s) still open" : "no connection left open")
				+ " before the graceful shutdown");
	}

	/**
	 * Why a successor that started must not take over; {@code null} when it may.
	 */
	private static @Nullable String refusal(SuccessorLaunch.Outcome outcome, Path pidFile) {
		if (outcome.notDaemon()) {
			return "the successor's configuration asks for no detached daemon (daemon.enabled, daemon.mode)";
		}
		if (outcome.status() != 0) {
			return outcome.text().isEmpty() ? "the successor failed to start (status " + outcome.status() + ")"
					: outcome.text();
		}
		Path chosen = outcome.pidFile();
		if (chosen == null || !chosen.toAbsolutePath().normalize().equals(pidFile.toAbsolutePath().normalize())) {
			return "the successor's configuration names another pid file (" + chosen + ", daemon.pid-file) than "
					+ pidFile + ": an upgrade keeps the pid file; stop and start instead";
		}
		if (!outcome.process().isAlive()) {
			return "the successor exited after it was ready" + (outcome.text().isEmpty() ? "" : ": " + outcome.text());
		}
		return null;
	}

	private void failed(Instant began, long successor, String error) {
		Duration took = Duration.between(began, Instant.now());
		if (successor > 0) {
			logger.error("Upgrade failed, this instance serves on: " + error);
		}
		this.publisher.publishEvent(new DaemonUpgradedEvent(this,
				new UpgradeResult(began, took, false, ProcessHandle.current().pid(), successor, error), generation()));
	}

	/**
	 * How many upgrades led to this instance: 0 for one its launcher started.
	 */
	private long generation() {
		return (this.succession != null) ? this.succession.generation() : 0;
	}

	/**
	 * Stop a successor that must not take over: SIGTERM, then SIGKILL; it holds only its
	 * own file beside the pid file, which it removes, or which is removed here.
	 */
	private void stop(ProcessHandle process) {
		process.destroy();
		try {
			process.onExit().get(SUCCESSOR_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			process.destroyForcibly();
			// Its ports are free once it is gone, for the ones this instance takes back
			try {
				process.onExit().get(SUCCESSOR_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
			catch (Exception notExited) {
				logger.warn("The successor (pid " + process.pid() + ") has not exited after SIGKILL");
			}
		}
		DaemonRuntime runtime = this.runtime;
		if (runtime != null) {
			try {
				PidFile.removeStale(PidFile.successorPath(runtime.getPidFile().getPath()), process.pid());
			}
			catch (IOException ex) {
				logger.warn("Could not remove the failed successor's pid file: " + ex);
			}
		}
	}

	/**
	 * A stop during an upgrade stops the successor too: the pid file still names this
	 * instance, and whoever stops it means the service.
	 */
	@Override
	public void destroy() {
		long pid = this.successor.get();
		if (this.inProgress.get() && !this.handedOver && pid > 0) {
			ProcessHandle.of(pid).ifPresent((process) -> {
				logger.info("Stopping the successor (pid " + pid + ") of the upgrade in progress");
				stop(process);
			});
		}
	}

	/**
	 * The command to start the successor with: the launch record of a detached daemon, or
	 * this JVM's own command line in the foreground, where systemd started it.
	 */
	private @Nullable LaunchCommand record() {
		LaunchCommand recorded = LaunchCommand.recorded();
		DaemonRuntime runtime = this.runtime;
		if (recorded != null || runtime == null || runtime.isDetached()) {
			return recorded;
		}
		try {
			LaunchCommand own = JvmCommandLine.current().launchCommand(Path.of("").toAbsolutePath());
			LaunchCommand.remember(own);
			return own;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private int port(String property) {
		Integer port = this.environment.getProperty(property, Integer.class);
		return (port != null) ? port : -1;
	}

}
