package io.contacthub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time (user + system) of processes on this machine, read from Linux's /proc, for benchmarks that span several. */
final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

    private ProcessCpu() {
    }

    /** One live process with the children it has waited for; 0 once it is gone. */
    static long nanos(long pid) {
        String[] f = fields(Path.of("/proc", String.valueOf(pid)));
        if (f == null) {
            return 0;
        }
        return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) * NANOS_PER_TICK;
    }

    /**
     * The embedded PostgreSQL: its postmaster with its exited children and every live backend (a connection
     * pool keeps its connections, so they are live).
     */
    static long postgresNanos(Path dataDir) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] f = fields(proc);
                if (f == null) {
                    continue;
                }
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                } else if (Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks * NANOS_PER_TICK;
    }

    /** The fields of /proc/PID/stat after the command name; f[0] is field 3 (state), f[11] utime. */
    private static String[] fields(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException gone) {
            return null;
        }
    }
}
