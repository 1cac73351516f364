import Foundation
import VigilSystem

// Owns: `vigil status` for people. Must not: ask the daemon (StatusCommand does).

/// `vigil status` for people: the daemon's status object, rendered as aligned lines.
/// `vigil status --json` prints the object itself (the stable interface for scripts).
enum StatusReport {
    static func object(_ reply: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
    }

    static func hasWarnings(_ reply: String) -> Bool {
        !((object(reply)?["warnings"] as? [String]) ?? []).isEmpty
    }

    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m \(seconds % 60)s" }
        if seconds < 86400 { return "\(seconds / 3600)h \(seconds / 60 % 60)m" }
        return "\(seconds / 86400)d \(seconds / 3600 % 24)h"
    }

    static func micros(_ us: Int?) -> String {
        guard let us else { return "-" }
        return us < 1000 ? "\(us) µs" : String(format: "%.1f ms", Double(us) / 1000)
    }

    static func render(_ reply: String) -> String {
        guard let o = object(reply) else { return reply + "\n" }
        if o["ok"] as? Bool != true { return "error: \(o["error"] as? String ?? reply)\n" }
        var rows: [(String, String)] = []
        func int(_ d: [String: Any]?, _ k: String) -> Int { d?[k] as? Int ?? 0 }
        let stats = o["stats"] as? [String: Any]
        let prot = o["protection"] as? [String: Any]
        rows.append(("version", o["version"] as? String ?? "?"))
        rows.append(("daemon", "pid \(int(o, "pid")), up \(duration(int(o, "uptime_seconds"))) (since \(o["started_at"] as? String ?? "?"))"))
        let mode = o["mode"] as? String ?? "?"
        rows.append(("mode", mode == "audit" ? "audit (findings are logged, nothing is denied)" : "\(mode) (findings are denied)"))
        rows.append(("guarded", ((o["guarded"] as? [String]) ?? []).joined(separator: ", ") + " (\(o["mark_kind"] as? String ?? "?") marks)"))
        rows.append(("rules", "\(int(o, "rules")) rules, \(int(o, "hash_entries")) hash entries; loaded \(duration(int(o, "rules_age_seconds"))) ago (generation \(int(o, "rules_generation")))"))
        rows.append(("rule paths", ((o["rules_paths"] as? [String]) ?? []).joined(separator: ", ")))
        if let version = o["rules_version"] as? String {
            var v = "\(version) from \(o["rules_source"] as? String ?? "?")"
            if let created = o["rules_created_at"] as? String { v += ", published \(created) (\(duration(int(o, "rules_created_age_seconds"))) ago)" }
            if let installed = o["rules_installed_at"] as? String { v += ", installed \(installed)" }
            rows.append(("rules version", v))
        }
        if int(o, "rules_skipped_signatures") > 0 || !((o["rules_skipped"] as? [String]) ?? []).isEmpty {
            rows.append(("skipped", "\(int(o, "rules_skipped_signatures")) signatures in \(((o["rules_skipped"] as? [String]) ?? []).count) notes (`vigil status --json` lists them)"))
        }
        if int(o, "allowlist_entries") > 0 { rows.append(("allowlist", "\(int(o, "allowlist_entries")) entries")) }
        rows.append(("self-test", o["self_test"] as? String ?? "?"))
        rows.append(("events", "\(int(stats, "events")) seen, \(int(stats, "answered_at_once")) answered at once, \(int(stats, "scanned")) scanned"))
        rows.append(("verdicts", "\(int(stats, "denied")) denied, \(int(stats, "audited")) audited, \(int(stats, "timeouts")) timeouts, \(int(stats, "errors")) errors, \(int(stats, "oversize")) oversize"))
        let ratio = (o["cache_hit_ratio"] as? Double).map { String(format: "%.1f %%", $0 * 100) } ?? "-"
        rows.append(("cache", "\(int(stats, "cache_marks")) clean files cached in the kernel (their opens never reach vigil); deny cache hit ratio \(ratio)"))
        if int(stats, "unguarded_folders_placed") > 0 {
            rows.append(("unguarded", "\(int(stats, "unguarded_folders_ignored")) folders outside the guards ignored by the kernel (dropped \(int(stats, "unguarded_folders_dropped")) times in all)"))
        }
        let q = o["queue"] as? [String: Any]
        rows.append(("queue", "\(int(q, "depth")) of \(int(q, "capacity")) (full \(int(stats, "queue_full")) times; kernel overflows \(int(stats, "kernel_queue_overflows")))"))
        let lat = o["scan_latency_us"] as? [String: Any]
        rows.append(("scan latency", "p50 \(micros(lat?["p50"] as? Int)), p99 \(micros(lat?["p99"] as? Int)) over \(int(lat, "count")) scans since start"))
        if int(stats, "uploads_scanned") > 0 || int(stats, "quarantined") > 0 {
            rows.append(("uploads", "\(int(stats, "uploads_scanned")) scanned, \(int(stats, "quarantined")) quarantined"))
        }
        rows.append(("reloads", "\(int(stats, "reloads")) (\(int(stats, "reload_failures")) failed)"))
        for w in o["workloads"] as? [[String: Any]] ?? [] {
            let mode = (w["mode"] as? String).map { " [\($0)\(w["exec_only"] as? Bool == true ? ", exec only" : "")]" } ?? ""
            rows.append(("workload", "\(w["name"] as? String ?? "?")\(mode): \(int(w, "scanned")) scanned, \(int(w, "allowed")) allowed, "
                + "\(int(w, "denied")) denied, \(int(w, "audited")) audited, \(int(w, "skipped")) not scanned (exec only / off)"))
        }
        if let sh = o["shipping"] as? [String: Any] {
            var text = "\(sh["url"] as? String ?? "?") index \(sh["index"] as? String ?? "?"): \(sh["state"] as? String ?? "?"), "
                + "\(int(sh, "delivered")) delivered, \(formatBytes(Int64(int(sh, "backlog_bytes")))) waiting, \(int(sh, "dead_lettered")) dead-lettered"
            text += "; last success \(sh["last_success_at"] as? String ?? "never")"
            if let e = sh["last_error"] as? String { text += "; last error \(sh["last_error_at"] as? String ?? "?"): \(e)" }
            if int(sh, "files_lost") > 0 { text += "; \(int(sh, "files_lost")) rotated files lost" }
            rows.append(("export", text))
        }
        if let log = o["log"] as? [String: Any] { rows.append(("event log", (log["file"] as? String ?? "none") + (int(log, "dropped") > 0 ? " (\(int(log, "dropped")) lines dropped)" : ""))) }
        var protection = o["protection_state"] as? String ?? "off"
        if let prot, prot["enabled"] as? Bool == true {
            protection += ": \(int(prot, "protected_files")) files sealed"
            if prot["maintenance"] is [String: Any] { protection += ", IN MAINTENANCE (protection lifted)" }
            if let t = prot["tamper"] as? [String: Any] {
                protection += "; tampering blocked \(int(t, "blocked")), restored \(int(t, "restored"))"
            }
            if let w = prot["watchdog_pid"] as? Int { protection += "; watchdog pid \(w)" }
        }
        rows.append(("protection", protection))
        if let tier = prot?["tier"] as? String {
            var line = tier
            if let a = prot?["tier_a"] as? [String: Any] {
                let refusals = (a["refusals"] as? [String: Any] ?? [:]).values.compactMap { $0 as? Int }.reduce(0, +)
                line += "; \(int(a, "hooks_attached"))/\(int(a, "hooks")) hooks, \(int(a, "protected_inodes")) inodes, \(refusals) refusals"
                    + (a["reopened"] as? Bool == true ? ", re-opened from pins" : "")
            }
            rows.append(("tier", line))
        }
        // Whether or not [protection] asked: what the kernel itself refuses on this host.
        if let k = (prot?["layers"] as? [String: Any])?["kernel_refusals"] as? [String: Any] {
            rows.append(("kernel", "Yama ptrace_scope \(k["yama_ptrace_scope"] as? String ?? "?"), lockdown \(k["lockdown"] as? String ?? "?")"))
            rows.append(("ptrace attacks", k["ptrace"] as? String ?? "?"))
            rows.append(("modules, kexec", k["modules_kexec"] as? String ?? "?"))
        }
        if let l = prot?["kernel_log"] as? [String: Any] {
            var line = l["status"] as? String ?? "?"
            if l["followed"] as? Bool == true {
                let r = l["refused"] as? [String: Any] ?? [:]
                line += "; \(int(r, "lockdown")) lockdown, \(int(r, "yama")) Yama refusals since start"
                if int(l, "lost_records") > 0 { line += "; \(int(l, "lost_records")) records lost" }
            }
            rows.append(("kernel refusals", line))
        }
        let width = rows.map(\.0.count).max() ?? 0
        var out = rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
        let warnings = (o["warnings"] as? [String]) ?? []
        if warnings.isEmpty {
            out += "no warnings\n"
        } else {
            out += "warnings:\n" + warnings.map { "  - " + $0 }.joined(separator: "\n") + "\n"
        }
        return out
    }
}
