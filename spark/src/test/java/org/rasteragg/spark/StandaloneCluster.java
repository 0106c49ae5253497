package org.rasteragg.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and {@code workers} workers, each a
 * separate JVM started from this JVM's class path (Spark comes from the Maven test class path, so
 * nothing is downloaded). Executors get the same class path through spark.executor.extraClassPath.
 * {@link #close()} kills every process it started, with their children (the executors).
 */
final class StandaloneCluster implements AutoCloseable {

    /** Spark's add-opens list, as the pom gives it to the test JVM (also needed by master and workers). */
    static List<String> jvmModuleOptions() {
        List<String> out = new ArrayList<>();
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")
                    || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
                out.add(arg);
            }
        }
        return out;
    }

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;
    private final int masterUiPort;

    StandaloneCluster(Path dir, int workers, int coresPerWorker, String workerMemory) throws IOException {
        this.dir = dir;
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        try {
            start("master", sparkHome, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort));
            waitForPort(masterPort, 60_000);
            for (int w = 0; w < workers; w++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + w));
                start("worker-" + w, sparkHome, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", Integer.toString(coresPerWorker), "--memory", workerMemory, "--webui-port",
                        Integer.toString(freePort()), "--work-dir", work.toString(), masterUrl());
            }
            waitForWorkers(workers, 90_000);
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    private void start(String name, Path sparkHome, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The daemons do little work: a quick start matters more than peak speed.
        cmd.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(jvmModuleOptions());
        cmd.add("-Dspark.ui.enabled=false");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOG_DIR", dir.toString());
        File log = dir.resolve(name + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        processes.add(pb.start());
    }

    /** The last lines of every daemon log, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                sb.append("== ").append(p.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        } catch (IOException e) {
            sb.append("(cannot read logs: ").append(e).append(')');
        }
        return sb.toString();
    }

    private void checkAlive() {
        for (Process p : processes) {
            if (!p.isAlive()) {
                throw new IllegalStateException("a Spark daemon exited with code " + p.exitValue() + "\n" + logs());
            }
        }
    }

    private void waitForPort(int port, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            checkAlive();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                sleep(300);
            }
        }
        throw new IllegalStateException("the Spark master did not open port " + port + " in time\n" + logs());
    }

    private void waitForWorkers(int workers, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        while (System.currentTimeMillis() < deadline) {
            checkAlive();
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + masterUiPort + "/json/")
                        .toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                try (InputStream in = c.getInputStream()) {
                    Matcher m = alive.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (m.find() && Integer.parseInt(m.group(1)) >= workers) {
                        return;
                    }
                }
            } catch (IOException e) {
                // not up yet
            }
            sleep(500);
        }
        throw new IllegalStateException(workers + " workers did not register in time\n" + logs());
    }

    /** Whether this sandbox lets us listen on and connect to 127.0.0.1. */
    static boolean loopbackSocketsWork() {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 1000);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills workers first (and their executors), then the master; waits for each to be gone. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            try {
                p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (ProcessHandle h : children) {
                h.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> h).join();
            }
        }
        processes.clear();
    }
}
