package io.logflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole machine's CPU time so far (the first line of Linux's /proc/stat): what a window
 * had of all the cores, and how much of it nobody used.
 */
record MachineTime(double seconds, double idleSeconds) {

    static MachineTime now() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            long[] ticks = Arrays.stream(cpu.substring("cpu".length()).trim().split("\\s+")).limit(8)
                    .mapToLong(Long::parseLong).toArray(); // user nice system idle iowait irq softirq steal
            long all = Arrays.stream(ticks).sum();
            return new MachineTime(all / CpuTime.TICKS_PER_SECOND,
                    (ticks[3] + ticks[4]) / CpuTime.TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the machine's CPU time from /proc/stat: " + e.getMessage(), e);
        }
    }

    /**
     * Each named user's share of the cores in the window since {@code before} (percent), then
     * what nobody used ("idle") and what the machine spent on anything else ("other").
     */
    Map<String, Double> shares(MachineTime before, Map<String, Double> usedSeconds) {
        double window = seconds - before.seconds;
        Map<String, Double> shares = new LinkedHashMap<>();
        usedSeconds.forEach((user, used) -> shares.put(user, percent(used, window)));
        double idle = idleSeconds - before.idleSeconds;
        shares.put("idle", percent(idle, window));
        double named = usedSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        shares.put("other", percent(Math.max(0, window - idle - named), window));
        return shares;
    }

    private static double percent(double part, double whole) {
        return Math.round(1000 * part / whole) / 10.0;
    }
}
