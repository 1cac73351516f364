import Foundation
import VigilConfig
import VigilEvents
import VigilHTTP
import VigilNotify
import VigilSystem

// Owns: telling someone about a detection: which event-log lines are detections, the
// fields the on_detection hook gets as variables, and the hook and webhook as services.
// Must not: run on the permission path or make the event log wait: the log's writer
// thread hands each detection to bounded queues (a full queue drops and counts) and
// returns; the hook and the webhook run on their own threads.

/// The detections among the event log's lines, for the hook and the webhook.
final class Notifications: Sendable {
    let hook: DetectionHook?
    let webhook: Webhook?

    init?(config: DaemonConfig, log: EventLog) {
        guard !config.notifyOnDetection.isEmpty || !config.notifyWebhook.isEmpty else { return nil }
        let note: @Sendable (String, String) -> Void = { level, message in log.emit(.note(level, message)) }
        hook = config.notifyOnDetection.isEmpty ? nil
            : DetectionHook(executable: config.notifyOnDetection, timeoutMillis: config.notifyTimeoutMillis, log: note)
        var options = HTTPClientOptions()
        options.timeoutSeconds = max(1, config.notifyTimeoutMillis / 1000)
        webhook = config.notifyWebhook.isEmpty ? nil : Webhook(url: config.notifyWebhook, options: options, log: note)
    }

    /// Called by the event log's writer for every line it writes; never waits.
    func offer(_ line: JSONLine) {
        let text = line.text
        // Cheap test first: most lines are not alerts.
        guard text.contains(#""kind":"alert""#), let facts = Notifications.detection(text) else { return }
        hook?.submit(HookJob(json: text, environment: facts))
        webhook?.submit(text)
    }

    /// The VIGIL_* variables of a detection line, or nil when the line is not one (an
    /// alert about malware: a deny, an audit finding, a quarantine, a late verdict).
    static func detection(_ text: String) -> [(String, String)]? {
        guard let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let ev = o["event"] as? [String: Any], ev["kind"] as? String == "alert",
              (ev["category"] as? [String])?.contains("malware") == true else { return nil }
        let file = o["file"] as? [String: Any]
        let process = o["process"] as? [String: Any]
        return HookJob.environment(eventID: ev["id"] as? String ?? "", action: ev["action"] as? String ?? "",
                                   path: file?["path"] as? String ?? "", sha256: (file?["hash"] as? [String: Any])?["sha256"] as? String,
                                   rule: (o["rule"] as? [String: Any])?["name"] as? String,
                                   verdict: (o["vigil"] as? [String: Any])?["verdict"] as? String,
                                   pid: (process?["pid"] as? Int).map { Int32($0) },
                                   executable: process?["executable"] as? String,
                                   user: (process?["user"] as? [String: Any])?["id"] as? String,
                                   host: (o["host"] as? [String: Any])?["name"] as? String ?? hostName())
    }
}

final class NotifyService: Service {
    let notifications: Notifications
    init(_ n: Notifications) { notifications = n }
    func start() throws(VigilError) {
        notifications.hook?.start()
        notifications.webhook?.start()
    }
    func stop() {
        notifications.hook?.stop()
        notifications.webhook?.stop()
    }
}
