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
    /// Who asked, from the control socket's SO_PEERCRED: named in every maintenance event.
    public struct Caller: Sendable {
        public let pid: Int32
        public let uid: UInt32
        public init(pid: Int32, uid: UInt32) {
            self.pid = pid
            self.uid = uid
        }
        var suspect: ProtectionEvent.Suspect { .of(pid: pid) }
        var label: String { "pid \(pid), uid \(uid), exe \(suspect.executable ?? "?")" }
    }

    /// The daemon keeps the key it read; a key sealed after it started (none before) is
    /// adopted, never the other way: deleting the key file does not lift authentication.
    func currentAuth() -> MaintenanceAuth? {
        parts.withLock { p in
            guard let a = p.auth else { return nil }
            if a.required { return a }
            let fresh = MaintenanceAuth(protectionDirectory: a.directory)
            if fresh.required { p.auth = fresh }
            return p.auth
        }
    }

    /// A fresh challenge for `vigil maintenance challenge` (the operator signs it).
    public func maintenanceChallenge(caller: Caller?) -> String {
        guard let auth = currentAuth() else { return failure("self-protection is off ([protection] enabled = false)") }
        do {
            let c = try auth.issue()
            var o = JSONLine()
            o.add("ok", true)
            o.add("challenge", c.text)
            o.add("expires", c.expires)
            o.add("authenticated", auth.required)
            return o.text
        } catch { return failure("\(error)") }
    }

    /// Lifts protection: the immutable flags come off so the upgrade can write; the
    /// marks stay but answer allow. With a maintenance key sealed, only a valid token
    /// (signed, unexpired, unused, for this host and boot) opens the window; a refusal
    /// is a warning naming the caller.
    public func beginMaintenance(reason: String, token: String? = nil, scope needed: String = "maintenance", caller: Caller? = nil) -> String {
        maintenanceOrder.withLock { _ in
            let p = parts.withLock { $0 }
            guard let maintenance = p.maintenance, let tamper = p.tamper else { return failure("self-protection is off ([protection] enabled = false)") }
            guard reason.contains(where: { $0 != " " && $0 != "\t" }) else { return failure("maintenance needs a reason") }
            // Checked before the token is spent.
            if maintenance.isActive, let w = maintenance.window {
                return failure("already in maintenance since \(w.since): \(w.reason)")
            }
            var scope = "unauthenticated"
            if let auth = currentAuth(), auth.required {
                switch auth.consume(token, needed: needed) {
                case .success(let t): scope = "token \(t.scope), key \(t.key), nonce \(t.challenge.nonce)"
                case .failure(let why):
                    emit("maintenance-refused|\(monotonicNanos())", ProtectionEvent.line(
                        action: "maintenance-refused", alert: true, outcome: "failure",
                        message: "vigil: maintenance refused for \(caller?.label ?? "an unknown caller"): \(why.rawValue); reason given: \(reason)",
                        suspect: caller?.suspect, level: "warning",
                        extra: [("refusal", why.code), ("reason", reason), ("caller_uid", caller.map { "\($0.uid)" } ?? "?")]))
                    return failure("maintenance refused: \(why.rawValue)")
                }
            }
            let window: MaintenanceState.Window?
            do { window = try maintenance.begin(reason: reason) } catch { return failure("\(error)") }
            guard let window else { return failure("already in maintenance since \(maintenance.window?.since ?? "?"): \(maintenance.window?.reason ?? "")") }
            var unlocked = 0
            for f in tamper.protectedFiles where (try? InodeFlags.setImmutable(f.path, false)) != nil { unlocked += 1 }
            // Tier A lets go of the files too (an upgrade replaces them); the daemon itself stays protected.
            let lifted = (try? p.kernel?.liftFiles()) ?? 0
            emit("maintenance-begin|\(window.since)", ProtectionEvent.line(
                action: "maintenance-begin", alert: false,
                message: "vigil: maintenance begins: \(reason); protection lifted on \(unlocked) files" + (p.kernel == nil ? "" : " and \(lifted) Tier A inodes")
                    + "; asked by \(caller?.label ?? "?") (\(scope))",
                suspect: caller?.suspect, level: "warning", extra: [("reason", reason), ("authentication", scope)]))
            var o = JSONLine()
            o.add("ok", true)
            o.add("maintenance", true)
            o.add("reason", reason)
            o.add("since", window.since)
            o.add("unlocked", unlocked)
            o.add("authentication", scope)
            return o.text
        }
    }

    /// Re-seals whatever the maintenance left, re-arms, then closes the window: in this
    /// order, so the repair thread never restores the old seal over the upgrade.
    public func endMaintenance(caller: Caller? = nil) -> String {
        maintenanceOrder.withLock { _ in
            let p = parts.withLock { $0 }
            guard let maintenance = p.maintenance, let tamper = p.tamper, let store = p.store else {
                return failure("self-protection is off ([protection] enabled = false)")
            }
            guard let open = maintenance.window else { return failure("not in maintenance") }
            var files: [ProtectedFile] = []
            var errors: [String] = []
            let before = Dictionary((store.loadManifest() ?? []).map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
            for path in protectedCandidates() {
                do { files.append(try store.seal(path)) } catch { errors.append("\(error)") }
            }
            // Every protected file the window changed, added or removed is its own warning:
            // a config or rules change under maintenance is never silent.
            let after = Dictionary(files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
            for path in Set(before.keys).union(after.keys).sorted() where before[path] != after[path] {
                let change = before[path] == nil ? "added" : after[path] == nil ? "removed" : "modified"
                emit("maintenance-change|\(path)|\(monotonicNanos())", ProtectionEvent.line(
                    action: "maintenance-change", alert: false,
                    message: "vigil: \(path) \(change) during maintenance (\(open.reason)); now sealed", path: path,
                    expectedSHA256: after[path], foundSHA256: after[path], change: change, level: "warning",
                    extra: [("previous_sha256", before[path] ?? ""), ("reason", open.reason)]))
            }
            do { try store.saveManifest(files) } catch { return failure("cannot save the manifest: \(error)") }
            store.pruneSealed(keeping: files)
            tamper.arm(files, immutable: true)
            do { try p.kernel?.reapplyFiles() } catch { errors.append("\(error)") }
            _ = maintenance.end()
            refreshLayers()
            emit("maintenance-end|\(monotonicNanos())", ProtectionEvent.line(
                action: "maintenance-end", alert: false, outcome: errors.isEmpty ? "success" : "failure",
                message: "vigil: maintenance ends (\(open.reason)); \(files.count) files re-sealed; asked by \(caller?.label ?? "?")" + (errors.isEmpty ? "" : "; \(errors.joined(separator: "; "))"),
                suspect: caller?.suspect, level: "warning", extra: [("reason", open.reason)]))
            var o = JSONLine()
            o.add("ok", true)
            o.add("maintenance", false)
            o.add("sealed", files.count)
            o.add("errors", errors)
            // With a key, the new seal stands across a restart only once signed.
            o.add("manifest_request", manifestRequestIfUnsigned())
            return o.text
        }
    }

    /// Records the operator's signature over the sealed manifest (`vigil maintenance
    /// manifest --signature` while a daemon runs). The daemon writes it itself: under
    /// Tier A the protection folder refuses every other writer, the CLI included. Either
    /// outcome is a warning naming the caller; a refused signature changes nothing.
    public func acceptManifestSignature(_ text: String, caller: Caller? = nil) -> String {
        maintenanceOrder.withLock { _ in
            let p = parts.withLock { $0 }
            guard let store = p.store, let auth = currentAuth() else { return failure("self-protection is off ([protection] enabled = false)") }
            do {
                let s = try ManifestTrust.accept(text, store: store, auth: auth)
                emit("manifest-signed|\(monotonicNanos())", ProtectionEvent.line(
                    action: "manifest-signed", alert: false,
                    message: "vigil: the sealed manifest \(s.request.digest) is signed by maintenance key \(s.key); asked by \(caller?.label ?? "?")",
                    suspect: caller?.suspect, level: "warning", extra: [("key", s.key), ("manifest_sha256", s.request.digest)]))
                var o = JSONLine()
                o.add("ok", true)
                o.add("signed", true)
                o.add("sha256", s.request.digest)
                o.add("key", s.key)
                return o.text
            } catch {
                emit("manifest-signature-rejected|\(monotonicNanos())", ProtectionEvent.line(
                    action: "manifest-signature-rejected", alert: false, outcome: "failure",
                    message: "vigil: a manifest signature was refused (\(error)); asked by \(caller?.label ?? "?")",
                    suspect: caller?.suspect, level: "warning"))
                return failure("\(error)")
            }
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
