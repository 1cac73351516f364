import Glibc
import Synchronization
import VigilEvents
import VigilQuarantine
import VigilSystem

/// Every 2 s, each quarantine store's database against its seal (QuarantineStore.
/// tampering): deleted, replaced or edited outside Vigil is a critical event, once per
/// finding. A mismatch must hold on a second look a second later: another Vigil process
/// (a `vigil scan --move-to`) commits before it re-seals.
///
/// Owns: its thread. Must not: repair or re-seal a store.
final class QuarantineWatch: Service {
    private let stores: [String]
    private let log: EventLog
    private let stopping = StopSignal()
    private let thread = ThreadGroup()

    init(stores: [String], log: EventLog) {
        self.stores = stores
        self.log = log
    }

    func start() throws(VigilError) {
        thread.spawn("vigil-qdb-watch") { [self] in run() }
    }

    func stop() {
        stopping.stop()
        thread.joinAll()
    }

    private func sleep(tenths: Int) -> Bool { stopping.sleep(nanos: UInt64(tenths) * 100_000_000) }

    private func run() {
        var reported: [String: String] = [:]
        while sleep(tenths: 20) {
            for dir in stores {
                guard let why = QuarantineStore.tampering(dir) else {
                    reported[dir] = nil
                    continue
                }
                guard reported[dir] != why, sleep(tenths: 10), QuarantineStore.tampering(dir) == why else { continue }
                reported[dir] = why
                log.emit(EventLog.Record(key: "quarantine-db|\(dir)|\(why)", line: ECSEvent.protection(
                    action: "quarantine-db-tampered", alert: true, outcome: .success, message: "vigil: \(why)",
                    path: dir + "/quarantine.db", level: "critical").render()))
            }
        }
    }
}
