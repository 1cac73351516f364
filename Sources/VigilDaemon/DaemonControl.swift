import VigilEngine
import VigilEvents
import VigilOnAccess
import VigilProtection
import VigilQuarantine
import VigilShipping

/// What the daemon does for each control command: the one dispatch from a command to
/// the part that carries it out, and the reply line.
///
/// Owns: the replies. Must not: parse lines (ControlCommand does) or touch the socket.
struct DaemonControl: Sendable {
    let service: OnAccessService
    let protection: SelfProtection
    let signaturePaths: [String]
    let state: DaemonState
    let log: EventLog
    /// The stores a help-desk request without its own `--store` searches.
    var quarantineStores: [String] = []
    /// The `[shipping]` exporter, for `vigil status`.
    var shipping: BulkExporter? = nil

    /// `caller`: the client's SO_PEERCRED, named in maintenance events.
    func reply(to line: String, caller: SelfProtection.Caller? = nil) -> String {
        guard let command = ControlCommand(line: line) else { return ControlCommand.unknownReply }
        switch command {
        case .ping:
            return #"{"ok":true,"pong":true}"#
        case .status:
            return DaemonStatus.json(service: service, protection: protection, state: state, log: log, shipping: shipping).text
        case .reload:
            switch service.reload(paths: signaturePaths) {
            case .success(let s):
                state.rulesReloaded()
                var o = JSONLine()
                o.add("ok", true)
                o.add("rules", s.ruleCount)
                o.add("hash_entries", s.hashes.entryCount)
                o.add("rules_generation", service.currentSignatures.1)
                o.add("rules_version", s.version.label)
                o.add("skipped_signatures", s.skippedSignatureCount)
                return o.text
            case .failure(let e):
                var o = JSONLine()
                o.add("ok", false)
                o.add("error", "reload failed, the running rules stay: \(e)")
                return o.text
            }
        case .allowlistReload:
            // `vigil allow add` and `vigil quarantine restore --allow`: the allowlist
            // alone, no recompilation; cached verdicts are cleared.
            switch service.reloadAllowlist() {
            case .success(let s):
                var o = JSONLine()
                o.add("ok", true)
                o.add("allowlist_entries", s.allowlist.entryCount)
                o.add("rules_generation", service.currentSignatures.1)
                return o.text
            case .failure(let e):
                var o = JSONLine()
                o.add("ok", false)
                o.add("error", "allowlist reload failed, the running allowlist stays: \(e)")
                return o.text
            }
        case .reopenLogs:
            log.reopen()
            return #"{"ok":true}"#
        case .logUnseal:
            log.unsealForRotation()
            return #"{"ok":true}"#
        case .logRotate:
            // Queued after the lines already waiting; the log says when it is done.
            return log.rotateNow() ? #"{"ok":true}"# : #"{"ok":false,"error":"this daemon writes no event log file ([log] file is empty)"}"#
        case .maintenanceBegin(let reason, let token, let scope):
            return protection.beginMaintenance(reason: reason, token: token, scope: scope, caller: caller)
        case .maintenanceEnd:
            return protection.endMaintenance(caller: caller)
        case .maintenanceChallenge:
            return protection.maintenanceChallenge(caller: caller)
        case .manifestSignature(let text):
            return protection.acceptManifestSignature(text, caller: caller)
        case .debugWriteProbe(let path):
            return protection.writeProbe(path)
        case .top(let window, let limit):
            return DaemonTop.reply(ring: service.stats.activity, names: service.stats.names, windowSeconds: window, limit: limit)
        case .canaryReport(let ok, let change, let path):
            return protection.canaryReport(ok: ok, change: change, path: path)
        case .quarantine(let request):
            return QuarantineDesk.handle(request, stores: request.stores.isEmpty ? quarantineStores : request.stores)
        }
    }
}
