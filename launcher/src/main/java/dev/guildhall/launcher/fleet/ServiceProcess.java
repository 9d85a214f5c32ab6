package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guildhall.infra.ChildProcesses;
import dev.guildhall.infra.JavaCommand;

/** One running service JVM, its log file and how it was launched. */
final class ServiceProcess {

    /** util-linux {@code setsid}: the child gets its own session, so Ctrl-C reaches only the launcher, which stops the fleet in order. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final ServiceInstance instance;
    private final Process process;
    private final Path logFile;
    private final ClassDataSharing.Launch launch;
    private final long startedNanos;

    private ServiceProcess(ServiceInstance instance, Process process, Path logFile, ClassDataSharing.Launch launch) {
        this.instance = instance;
        this.process = process;
        this.logFile = logFile;
        this.launch = launch;
        this.startedNanos = System.nanoTime();
    }

    static ServiceProcess start(ServiceInstance instance, ClassDataSharing.Launch launch, List<String> jvmOptions,
                                Map<String, String> env, Path logFile, Path workDir) {
        List<String> cmd = command(instance, launch, jvmOptions, Files.isExecutable(SETSID));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().removeIf(k -> k.startsWith("GUILDHALL_") || k.equals("PORT"));
        childEnv.putAll(env);
        try {
            ChildProcesses.rotate(logFile);
            return new ServiceProcess(instance, pb.start(), logFile, launch);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + instance.name(), e);
        }
    }

    static List<String> command(ServiceInstance instance, ClassDataSharing.Launch launch, List<String> jvmOptions,
                                boolean ownSession) {
        List<String> cmd = new ArrayList<>();
        if (ownSession) {
            cmd.add(SETSID.toString());
        }
        cmd.add(JavaCommand.javaExecutable());
        cmd.add("-Dguildhall.instance=" + instance.name());
        cmd.addAll(launch.jvmOptions());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(launch.jar().toString());
        return cmd;
    }

    ServiceInstance instance() {
        return instance;
    }

    Process process() {
        return process;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** SIGTERM (Spring's graceful shutdown, then the CDS archive is written), SIGKILL after the grace period. */
    boolean stop(Duration grace, ClassDataSharing cds) {
        boolean clean = ChildProcesses.stop(process, grace);
        cds.afterExit(launch, clean);
        return clean;
    }

    void kill(ClassDataSharing cds) {
        ChildProcesses.kill(process.toHandle());
        cds.afterExit(launch, false);
    }

    String logTail(int lines) {
        return ChildProcesses.tail(logFile, lines);
    }
}
