import Glibc
import VigilEngine
import VigilEvents
import VigilSystem

/// `vigil rules update` and `vigil rules rollback`: fetch, verify, test-compile, swap,
/// reload, each step an event, and a failure at any step leaving the running rules and
/// the `current` link as they were (the one exception is said in the reload step).
///
/// Update, per source in order until one succeeds:
/// 1. fetch-manifest: `manifest` (at most 1 MiB) and `manifest.sig` (64 bytes).
/// 2. verify-signature: Ed25519 over the exact manifest bytes, by any trusted key.
/// 3. parse-manifest: the strict format; total and per-file sizes under the limits.
/// 4. check-version: newer than every version this store ever accepted (no downgrade, no
///    replay of an old signed manifest); the current version again is "up to date".
/// 5. fetch-files: each file into a staging folder in the store, cut off one byte past
///    its declared size, SHA-256 checked as it arrives; free space checked first.
/// Then, once: 6. test-compile in a child process with memory and time limits;
/// 7. install (rename into versions/N); 8. swap (`current` -> versions/N, one rename);
/// 9. reload (the daemon loads through `current`; if it refuses, `current` goes back);
/// 10. record (the accepted version); 11. prune (keeps the newest `keep` versions).
///
/// Owns: the order of the steps and what a failure undoes. Must not: print.
public final class RuleUpdater {
    public struct Options {
        public var sources: [String] = []
        public var keys: [Ed25519.PublicKey] = []
        public var compiler: TestCompiler
        public var fetchLimits = Fetcher.Limits()
        public var maxBundleBytes: Int64 = 1 << 30
        public var maxFileBytes: Int64 = 512 << 20
        public var keep = 3
        /// The daemon to ask for a reload; nil: do not ask.
        public var controlSocket: String?
        /// Who may be asked: the daemon's identity check (nil: whoever listens).
        public var checkPeer: ControlPeerCheck?
        public var reloadTimeoutSeconds = 900
        public init(compiler: TestCompiler) { self.compiler = compiler }
    }

    public enum Outcome: Sendable, Equatable {
        case updated(from: UInt64?, to: UInt64, source: String)
        case upToDate(UInt64, source: String)
    }

    public let store: RuleStore
    private let emit: (UpdateEvent) -> Void

    public init(store: RuleStore, emit: @escaping (UpdateEvent) -> Void) {
        self.store = store
        self.emit = emit
    }

    private func event(_ op: String, _ step: UpdateStep, _ ok: Bool, _ message: String, version: UInt64? = nil, source: String? = nil,
                       since: Double? = nil) {
        emit(UpdateEvent(operation: op, step: step, success: ok, message: message, version: version, source: source, store: store.root,
                         durationSeconds: since.map { monotonicSeconds() - $0 }))
    }

    private func fail(_ op: String, _ f: UpdateFailure, version: UInt64? = nil, since: Double? = nil) -> UpdateFailure {
        event(op, f.step, false, f.message, version: version, source: f.source, since: since)
        return f
    }

    // MARK: update

    public func update(_ o: Options) -> Result<Outcome, UpdateFailure> {
        let op = "update"
        do { try store.lock() } catch { return .failure(fail(op, UpdateFailure(.lock, error.message))) }
        defer { store.unlock() }
        event(op, .lock, true, "store \(store.root) locked")
        guard !o.sources.isEmpty else { return .failure(fail(op, UpdateFailure(.fetchManifest, "no sources configured"))) }
        guard !o.keys.isEmpty else { return .failure(fail(op, UpdateFailure(.verifySignature, "no trusted keys"))) }
        var lastFailure: UpdateFailure?
        for source in o.sources {
            switch candidate(from: source, o) {
            case .failure(let f): lastFailure = f
            case .success(.upToDate(let v)):
                return .success(.upToDate(v, source: source))
            case .success(.staged(let staging, let manifest)):
                return finish(staging: staging, manifest: manifest, source: source, o)
            }
        }
        return .failure(lastFailure!)
    }

    private enum Candidate {
        case upToDate(UInt64)
        case staged(String, BundleManifest)
    }

    /// Steps 1 to 5 against one source.
    private func candidate(from source: String, _ o: Options) -> Result<Candidate, UpdateFailure> {
        let op = "update"
        var t = monotonicSeconds()
        let manifestBytes: [UInt8], signature: [UInt8]
        do {
            manifestBytes = try Fetcher.fetch(Fetcher.join(source, "manifest"), maxBytes: Int64(BundleManifest.maxBytes), limits: o.fetchLimits)
            signature = try Fetcher.fetch(Fetcher.join(source, "manifest.sig"), maxBytes: Int64(Ed25519.signatureLength), limits: o.fetchLimits)
        } catch {
            return .failure(fail(op, UpdateFailure(.fetchManifest, error.description, source: source), since: t))
        }
        event(op, .fetchManifest, true, "\(manifestBytes.count)-byte manifest and its signature", source: source, since: t)

        t = monotonicSeconds()
        guard signature.count == Ed25519.signatureLength else {
            return .failure(fail(op, UpdateFailure(.verifySignature, "manifest.sig has \(signature.count) bytes, expected \(Ed25519.signatureLength) (truncated?)", source: source)))
        }
        guard let key = o.keys.first(where: { $0.verify(manifestBytes, signature: signature) }) else {
            return .failure(fail(op, UpdateFailure(.verifySignature, "the manifest's signature does not verify with any trusted key "
                + "(\(o.keys.map(\.fingerprint).joined(separator: ", "))): tampered, or signed by another key", source: source)))
        }
        event(op, .verifySignature, true, "signed by key \(key.fingerprint) (\(key.origin))", source: source, since: t)

        let manifest: BundleManifest
        do { manifest = try BundleManifest.parse(manifestBytes) } catch {
            return .failure(fail(op, UpdateFailure(.parseManifest, error.description, source: source)))
        }
        if let big = manifest.files.first(where: { $0.size > o.maxFileBytes }) {
            return .failure(fail(op, UpdateFailure(.parseManifest, "\(big.path) is \(big.size) bytes, over the \(o.maxFileBytes)-byte file limit (oversized)", source: source),
                                 version: manifest.version))
        }
        guard manifest.totalSize <= o.maxBundleBytes else {
            return .failure(fail(op, UpdateFailure(.parseManifest, "the bundle is \(manifest.totalSize) bytes, over the \(o.maxBundleBytes)-byte limit (oversized)", source: source),
                                 version: manifest.version))
        }
        event(op, .parseManifest, true, "version \(manifest.version) from \(BundleManifest.formatTime(manifest.created)), "
              + "\(manifest.files.count) files, \(manifest.totalSize) bytes", version: manifest.version, source: source)

        let accepted = store.acceptedVersion()
        let current = store.currentVersion()
        if let accepted, manifest.version <= accepted {
            if manifest.version == current && manifest.version == accepted {
                event(op, .checkVersion, true, "version \(manifest.version) is already installed: up to date", version: manifest.version, source: source)
                return .success(.upToDate(manifest.version))
            }
            return .failure(fail(op, UpdateFailure(.checkVersion, "version \(manifest.version) is not newer than version \(accepted), "
                + "which this store already accepted: downgrade or replay refused", source: source), version: manifest.version))
        }
        event(op, .checkVersion, true, "version \(manifest.version) is newer than \(accepted.map(String.init) ?? "none")",
              version: manifest.version, source: source)

        t = monotonicSeconds()
        var fs = statvfs()
        if statvfs(store.root, &fs) == 0 {
            let free = Int64(fs.f_bavail) * Int64(fs.f_frsize)
            if free < manifest.totalSize {
                return .failure(fail(op, UpdateFailure(.fetchFiles, "the bundle needs \(manifest.totalSize) bytes; \(store.root) has \(free) free", source: source),
                                     version: manifest.version))
            }
        }
        let staging: String
        do { staging = try store.makeStaging(for: manifest.version) } catch {
            return .failure(fail(op, UpdateFailure(.fetchFiles, error.message, source: source), version: manifest.version))
        }
        do {
            for file in manifest.files {
                try fetchFile(file, from: source, into: staging, o)
            }
            try FileTree.writeNew(staging + "/.vigil-manifest", manifestBytes)
            try FileTree.writeNew(staging + "/.vigil-manifest.sig", signature)
            let version = RulesVersion(label: String(manifest.version), bundleVersion: manifest.version, source: source,
                                       createdAt: Double(manifest.created), installedAt: wallClockSeconds(), key: key.fingerprint)
            try FileTree.writeNew(staging + "/" + RulesVersion.fileName, Array(version.render().utf8))
            FileTree.syncDirectory(staging)
        } catch let f as UpdateFailure {
            store.discard(staging)
            return .failure(fail(op, f, version: manifest.version, since: t))
        } catch let e as FileTree.IOError {
            store.discard(staging)
            return .failure(fail(op, UpdateFailure(.fetchFiles, e.message, source: source), version: manifest.version, since: t))
        } catch {
            store.discard(staging)
            return .failure(fail(op, UpdateFailure(.fetchFiles, "\(error)", source: source), version: manifest.version, since: t))
        }
        event(op, .fetchFiles, true, "\(manifest.files.count) files, \(manifest.totalSize) bytes, every SHA-256 matches",
              version: manifest.version, source: source, since: t)
        return .success(.staged(staging, manifest))
    }

    private func fetchFile(_ file: BundleManifest.File, from source: String, into staging: String, _ o: Options) throws(UpdateFailure) {
        let path = staging + "/" + file.path
        if let slash = file.path.lastIndex(of: "/") {
            do { try FileTree.makeDirectories(staging + "/" + file.path[..<slash]) } catch { throw UpdateFailure(.fetchFiles, error.message, source: source) }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UpdateFailure(.fetchFiles, "cannot create \(path): \(FileTree.errnoText())", source: source) }
        defer { close(fd) }
        let digest = SHA256Stream()
        var written: Int64 = 0
        var writeError: String?
        let url = Fetcher.join(source, "files/" + file.path)
        do {
            try Fetcher.fetch(url, maxBytes: file.size, limits: o.fetchLimits) { chunk in
                do throws(FileTree.IOError) { try FileTree.writeAll(fd, chunk, path: path) } catch {
                    writeError = error.message
                    return false
                }
                digest.update(chunk)
                written += Int64(chunk.count)
                return true
            }
        } catch {
            throw UpdateFailure(.fetchFiles, writeError ?? error.description, source: source)
        }
        guard written == file.size else {
            throw UpdateFailure(.fetchFiles, "\(file.path): got \(written) bytes, the manifest says \(file.size) (truncated)", source: source)
        }
        let got = digest.finishHex()
        guard got == file.sha256 else {
            throw UpdateFailure(.fetchFiles, "\(file.path): SHA-256 \(got) does not match the signed manifest's \(file.sha256) (tampered)", source: source)
        }
        guard fsync(fd) == 0 else { throw UpdateFailure(.fetchFiles, "cannot sync \(path): \(FileTree.errnoText())", source: source) }
    }

    /// Steps 6 to 11.
    private func finish(staging: String, manifest: BundleManifest, source: String, _ o: Options) -> Result<Outcome, UpdateFailure> {
        let op = "update"
        let v = manifest.version
        var t = monotonicSeconds()
        let compiled = o.compiler.run(directory: staging)
        guard compiled.ok else {
            store.discard(staging)
            return .failure(fail(op, UpdateFailure(.testCompile, compiled.message, source: source), version: v, since: t))
        }
        event(op, .testCompile, true, compiled.message, version: v, source: source, since: t)

        t = monotonicSeconds()
        do { try store.install(staging: staging, version: v) } catch {
            store.discard(staging)
            return .failure(fail(op, UpdateFailure(.install, error.message, source: source), version: v))
        }
        event(op, .install, true, "installed as \(store.directory(of: v))", version: v, source: source, since: t)

        let previous = store.currentVersion()
        t = monotonicSeconds()
        do { try store.point(currentTo: v) } catch {
            store.discard(store.directory(of: v))
            return .failure(fail(op, UpdateFailure(.swap, error.message, source: source), version: v))
        }
        event(op, .swap, true, "\(store.currentLink) -> versions/\(v) (was \(previous.map { "versions/\($0)" } ?? "nothing"))",
              version: v, source: source, since: t)

        if let failure = reload(op, version: v, previous: previous, socket: o.controlSocket, checkPeer: o.checkPeer, timeout: o.reloadTimeoutSeconds, source: source) {
            if failure.step == .reload && failure.message.hasPrefix("the daemon refused") {
                store.discard(store.directory(of: v))
            }
            return .failure(failure)
        }

        do { try store.recordAccepted(v) } catch {
            return .failure(fail(op, UpdateFailure(.record, error.message, source: source), version: v))
        }
        event(op, .record, true, "version \(v) recorded as accepted: older bundles are refused from now on", version: v, source: source)
        let removed = store.prune(keep: o.keep)
        event(op, .prune, true, removed.isEmpty ? "nothing to remove (keeping \(o.keep))" : "removed versions \(removed.map(String.init).joined(separator: ", "))",
              version: v)
        return .success(.updated(from: previous, to: v, source: source))
    }

    /// Asks the daemon to reload through `current`. If it answers that it could not, the
    /// link goes back to `previous` (its running rules never changed). nil: done.
    private func reload(_ op: String, version: UInt64, previous: UInt64?, socket: String?, checkPeer: ControlPeerCheck?, timeout: Int, source: String?) -> UpdateFailure? {
        guard let socket else {
            event(op, .reload, true, "no daemon to ask (no control socket given)", version: version, source: source)
            return nil
        }
        let t = monotonicSeconds()
        // The line is ControlCommand.reload's wire form (VigilDaemon, above this module).
        switch DaemonRequest.send("reload", to: socket, timeoutSeconds: timeout, checkPeer: checkPeer) {
        case .failure(let f) where f.isNoDaemon:
            event(op, .reload, true, "no daemon listening on \(socket); it loads version \(version) when it starts", version: version, source: source)
            return nil
        case .failure(.impostor(let who)):
            return fail(op, UpdateFailure(.reload, "the process on \(socket) is not Vigil (\(who)); nothing was sent to it. \(store.currentLink) points to version \(version): "
                                          + "check `vigil status`", source: source), version: version, since: t)
        case .failure(let e):
            return fail(op, UpdateFailure(.reload, "no answer from the daemon on \(socket) (\(e)); \(store.currentLink) points to version \(version): "
                                          + "check `vigil status`", source: source), version: version, since: t)
        case .success(let reply):
            guard reply.contains("\"ok\":true") else {
                let why = JSONField.string("error", in: reply) ?? reply
                let back: String
                if let previous {
                    back = (try? store.point(currentTo: previous)) != nil ? "current points to version \(previous) again" : "could not point current back to \(previous)"
                } else {
                    unlink(store.currentLink)
                    back = "current removed"
                }
                return fail(op, UpdateFailure(.reload, "the daemon refused the new rules and keeps its running set (\(why)); \(back)", source: source),
                            version: version, since: t)
            }
            let running = JSONField.string("rules_version", in: reply)
            let note = running == String(version) ? "the daemon now runs version \(version)"
                : "the daemon reloaded but runs rules version \(running ?? "?"): its [signatures] paths do not include \(store.currentLink)"
            event(op, .reload, true, note, version: version, source: source, since: t)
            return nil
        }
    }

    // MARK: rollback

    /// Points `current` at the newest kept version older than the current one, after
    /// checking its files against its stored manifest, and asks the daemon to reload.
    /// The accepted version stays: the next update installs only something newer.
    public func rollback(controlSocket: String?, checkPeer: ControlPeerCheck? = nil, keys: [Ed25519.PublicKey] = [], reloadTimeoutSeconds: Int = 900) -> Result<(from: UInt64, to: UInt64), UpdateFailure> {
        let op = "rollback"
        do { try store.lock() } catch { return .failure(fail(op, UpdateFailure(.lock, error.message))) }
        defer { store.unlock() }
        guard let current = store.currentVersion() else { return .failure(fail(op, UpdateFailure(.swap, "\(store.currentLink) points to no version"))) }
        guard let target = store.installedVersions().filter({ $0 < current }).max() else {
            return .failure(fail(op, UpdateFailure(.swap, "no version older than \(current) is kept in \(store.versionsDirectory)"), version: current))
        }
        let t = monotonicSeconds()
        if let problem = verifyStored(target, keys: keys) {
            return .failure(fail(op, UpdateFailure(.verifyStored, problem), version: target))
        }
        event(op, .verifyStored, true, "version \(target): every file matches its manifest" + (keys.isEmpty ? "" : " and the signature verifies"),
              version: target, since: t)
        do { try store.point(currentTo: target) } catch {
            return .failure(fail(op, UpdateFailure(.swap, error.message), version: target))
        }
        event(op, .swap, true, "\(store.currentLink) -> versions/\(target) (was versions/\(current))", version: target)
        if let failure = reload(op, version: target, previous: current, socket: controlSocket, checkPeer: checkPeer, timeout: reloadTimeoutSeconds, source: nil) {
            return .failure(failure)
        }
        return .success((current, target))
    }

    /// nil when version `v`'s files match its stored manifest (and signature, with keys).
    func verifyStored(_ v: UInt64, keys: [Ed25519.PublicKey]) -> String? {
        let dir = store.directory(of: v)
        let bytes: [UInt8]
        do { bytes = try FileTree.readFile(dir + "/.vigil-manifest", limit: BundleManifest.maxBytes) } catch { return error.message }
        if !keys.isEmpty {
            let sig = (try? FileTree.readFile(dir + "/.vigil-manifest.sig", limit: 64)) ?? []
            if !keys.contains(where: { $0.verify(bytes, signature: sig) }) { return "its manifest's signature does not verify with the given keys" }
        }
        let manifest: BundleManifest
        do { manifest = try BundleManifest.parse(bytes) } catch { return error.description }
        for f in manifest.files {
            guard let data = try? FileTree.readFile(dir + "/" + f.path, limit: Int(f.size)) else { return "\(f.path): missing, unreadable or bigger than its manifest says" }
            guard Int64(data.count) == f.size, sha256Hex(data) == f.sha256 else { return "\(f.path): changed since it was installed" }
        }
        return nil
    }
}

/// Reads one string field from a one-line JSON reply of the control socket.
enum JSONField {
    static func string(_ key: String, in text: String) -> String? {
        let needle = Array("\"\(key)\":\"".utf8), bytes = Array(text.utf8)
        guard bytes.count >= needle.count,
              let at = (0...(bytes.count - needle.count)).first(where: { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }) else { return nil }
        var out = ""
        var escaped = false
        for c in String(decoding: bytes[(at + needle.count)...], as: UTF8.self) {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { return out }
            out.append(c)
        }
        return nil
    }
}
