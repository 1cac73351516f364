import Glibc
import Synchronization
import VigilEvents
import VigilSystem

/// The control commands of self-protection: open and close a maintenance window, and
/// the debug write probe. Each returns the reply line (one JSON object).
///
/// Owns: what a maintenance window does to the protected set. Must not: read the
/// control socket (the daemon does).
extension SelfProtection {
    /// Lifts protection: the immutable flags come off so the upgrade can write; the
    /// marks stay but answer allow.
    public func beginMaintenance(reason: String) -> String {
        maintenanceOrder.withLock { _ in
            let p = parts.withLock { $0 }
            guard let maintenance = p.maintenance, let tamper = p.tamper else { return failure("self-protection is off ([protection] enabled = false)") }
            guard reason.contains(where: { $0 != " " && $0 != "\t" }) else { return failure("maintenance needs a reason") }
            let window: MaintenanceState.Window?
            do { window = try maintenance.begin(reason: reason) } catch { return failure("\(error)") }
            guard let window else { return failure("already in maintenance since \(maintenance.window?.since ?? "?"): \(maintenance.window?.reason ?? "")") }
            var unlocked = 0
            for f in tamper.protectedFiles where (try? InodeFlags.setImmutable(f.path, false)) != nil { unlocked += 1 }
            // Tier A lets go of the files too (an upgrade replaces them); the daemon itself stays protected.
            let lifted = (try? p.kernel?.liftFiles()) ?? 0
            emit("maintenance-begin|\(window.since)", ProtectionEvent.line(
                action: "maintenance-begin", alert: false, message: "vigil: maintenance begins: \(reason); protection lifted on \(unlocked) files" + (p.kernel == nil ? "" : " and \(lifted) Tier A inodes"),
                extra: [("reason", reason)]))
            var o = JSONLine()
            o.add("ok", true)
            o.add("maintenance", true)
            o.add("reason", reason)
            o.add("since", window.since)
            o.add("unlocked", unlocked)
            return o.text
        }
    }

    /// Re-seals whatever the maintenance left, re-arms, then closes the window: in this
    /// order, so the repair thread never restores the old seal over the upgrade.
    public func endMaintenance() -> String {
        maintenanceOrder.withLock { _ in
            let p = parts.withLock { $0 }
            guard let maintenance = p.maintenance, let tamper = p.tamper, let store = p.store else {
                return failure("self-protection is off ([protection] enabled = false)")
            }
            guard let open = maintenance.window else { return failure("not in maintenance") }
            var files: [ProtectedFile] = []
            var errors: [String] = []
            for path in protectedCandidates() {
                do { files.append(try store.seal(path)) } catch { errors.append("\(error)") }
            }
            do { try store.saveManifest(files) } catch { return failure("cannot save the manifest: \(error)") }
            store.pruneSealed(keeping: files)
            tamper.arm(files, immutable: true)
            do { try p.kernel?.reapplyFiles() } catch { errors.append("\(error)") }
            _ = maintenance.end()
            refreshLayers()
            emit("maintenance-end|\(monotonicNanos())", ProtectionEvent.line(
                action: "maintenance-end", alert: false, outcome: errors.isEmpty ? "success" : "failure",
                message: "vigil: maintenance ends (\(open.reason)); \(files.count) files re-sealed" + (errors.isEmpty ? "" : "; \(errors.joined(separator: "; "))"),
                extra: [("reason", open.reason)]))
            var o = JSONLine()
            o.add("ok", true)
            o.add("maintenance", false)
            o.add("sealed", files.count)
            o.add("errors", errors)
            return o.text
        }
    }

    /// Tries the create from a thread that entered the containment domain, exactly as a
    /// scan worker does: the answer is the kernel's, not a simulation.
    public func writeProbe(_ path: String) -> String {
        guard options.config.debugWriteProbe else { return failure("debug-write-probe is off ([protection] debug_write_probe)") }
        guard path.hasPrefix("/") else { return failure("debug-write-probe needs an absolute path") }
        final class Outcome: Sendable { let code = Atomic<Int32>(-1) }
        let outcome = Outcome()
        let probe = WorkerThread(name: "vigil-probe") {
            Containment.enterCurrentThread()
            do throws(Errno) {
                let fd = try sysCall { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
                close(fd)
                unlink(path)
                outcome.code.store(0, ordering: .relaxed)
            } catch {
                outcome.code.store(error.code, ordering: .relaxed)
            }
        }
        // join() orders the thread's store before this load.
        probe.join()
        let code = outcome.code.load(ordering: .relaxed)
        var o = JSONLine()
        o.add("ok", true)
        o.add("path", path)
        o.add("errno", Int(code))
        o.add("error", code == 0 ? nil : Errno(code).description)
        return o.text
    }

    private func failure(_ message: String) -> String {
        var o = JSONLine()
        o.add("ok", false)
        o.add("error", message)
        return o.text
    }
}
