import VigilEngine
import VigilEvents
import VigilSystem

/// The signature lifecycle as the running daemon sees it: the allowlist re-read without
/// recompiling anything, the line an allowlisted file leaves, and what a load skipped.
///
/// Owns: these three. Must not: parse allowlists or rules (the engine does).
extension OnAccessService {
    /// Reads the local allowlist again and swaps in the same compiled rules with it. The
    /// verdict cache is flushed like on a reload, so a file denied before is judged
    /// again at its next open (and allowed if it is on the list now).
    public func reloadAllowlist() -> Result<Signatures, HashListError> {
        let (current, _) = ctx.rules.all
        let updated: Signatures
        var sets: [Signatures] = []
        // Every rule set (workloads with rules of their own too) reads the same allowlist.
        do {
            for s in current { sets.append(try s.reloadingAllowlist()) }
            updated = sets[0]
        } catch {
            let l = ECS.note("error", "allowlist reload failed, keeping the running allowlist: \(error)")
            ctx.log.emit(EventLog.Record(key: "allowlist-failed|\(error)", line: l))
            return .failure(error)
        }
        ctx.cache.flush { generation in ctx.rules.swap(all: sets, generation: generation) }
        // The flush dropped every inode mark, the liveness probe's too: put it back.
        marks.remarkProbes()
        ctx.log.emit(EventLog.Record(key: "allowlist|\(monotonicNanos())",
                                     line: ECS.note("info", "allowlist reloaded: \(updated.allowlist.entryCount) entries; cached verdicts cleared")))
        return .success(updated)
    }

    /// Every skipped file and signature type of a load, one warning line each, and what
    /// the load did besides (containers opened, signatures translated).
    public func logLoadReport(_ s: Signatures, action: String) {
        for note in s.notes { ctx.log.emit(EventLog.Record(key: "\(action)-note|\(note)", line: ECS.note("info", note))) }
        for skipped in s.skipped {
            let l = ECS.note("warning", "signatures skipped at \(action): \(skipped)")
            ctx.log.emit(EventLog.Record(key: "\(action)-skipped|\(skipped)", line: l))
        }
    }
}

extension OnAccessLog {
    /// A file whose findings the allowlist set aside: one alert-free line that says what
    /// would have matched and which entry allowed it.
    func logAllowlisted(_ hit: AllowlistHit, report: FileReport, pid: Int32, exec: Bool) {
        let line = eventLine(action: "allowlisted", outcome: "success", path: report.path, size: report.size, pid: pid, exec: exec,
                             latencyMicros: 0, report: report,
                             message: "allowed by the allowlist (\(hit.entry), \(hit.origin)); would have matched: "
                                 + hit.suppressed.map(\.name).joined(separator: ", "),
                             extra: suppressed(hit), rule: hit.suppressed.first.map { ECSRule($0) })
        emit(EventLog.Record(key: "allowlisted|\(report.path)|\(hit.entry)", line: line))
    }

    private func suppressed(_ hit: AllowlistHit) -> JSONLine {
        var v = JSONLine()
        v.add("allowlist_entry", hit.entry)
        v.add("allowlist_origin", hit.origin)
        v.add("suppressed_rules", hit.suppressed.map(\.name))
        return v
    }
}
