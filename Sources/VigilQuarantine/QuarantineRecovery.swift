import Foundation
import GRDB
import Glibc
import VigilSystem

/// Settling what a crash left half done, from what exists (QuarantineMove.swift names
/// every state): a pending row whose original is still in its folder is rolled back; one
/// whose bytes are stored and whose original is gone is rolled forward; an original held
/// in the store as `.moving-<id>` (renamed in, not yet named by its digest) is rolled
/// forward; an original parked in a staging folder on its own filesystem is unlinked
/// there once its copy is stored; an entry someone swapped in is put back into the
/// folder it came from, after that folder's (dev, ino) is checked again. Nothing outside
/// the store is touched through a path that has not been resolved without links and
/// checked against what was recorded.
///
/// Owns: `recover()`. Must not: decide what is bad.
extension QuarantineStore {
    public struct Recovery: Sendable, Equatable {
        public var rolledBack = 0
        public var rolledForward = 0
        public var tempFilesRemoved = 0
        /// Entries someone swapped in during a move, put back into their folder.
        public var returned = 0
        /// What could not be settled now; it is kept and retried on the next open.
        public var unsettled: [String] = []
    }

    /// Settles rows left `pending` by a crash, and removes half-written copies.
    @discardableResult
    public func recover() throws(VigilError) -> Recovery {
        // Waits for moves under way in other processes; they are not crashes.
        let lock = lockFolder(exclusive: true)
        defer { unlockFolder(lock) }
        var result = Recovery()
        var pendingIDs = Set<String>()
        do {
            let pending = try db.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT e.id, e.sha256, e.original_path, e.original_dev, e.original_ino,
                           m.parent_dev, m.parent_ino, m.stage_path, m.stage_dev, m.stage_ino
                    FROM entries e LEFT JOIN moves m ON m.id = e.id WHERE e.state = 'pending'
                    """)
            }
            for row in pending {
                if try !settle(row, &result) { pendingIDs.insert(row["id"]) }
            }
            try writeSealed { db in
                try db.execute(sql: "DELETE FROM moves WHERE id NOT IN (SELECT id FROM entries WHERE state = 'pending')")
            }
        } catch let e as VigilError {
            throw e
        } catch {
            throw VigilError("quarantine recovery in \(directory) failed: \(error)")
        }
        for name in entryNames() {
            if name.hasPrefix(".tmp-") {
                // Copies only: an original is never named .tmp-*.
                try? folder.remove(RawPath(name))
                result.tempFilesRemoved += 1
            } else if name.hasPrefix(".moving-") && !pendingIDs.contains(String(name.dropFirst(".moving-".count))) {
                result.unsettled.append("\(directory)/\(name) has no record; left as it is")
            }
        }
        return result
    }

    /// Settles one pending row; false when it has to stay pending for now.
    private func settle(_ row: Row, _ result: inout Recovery) throws -> Bool {
        let id: String = row["id"]
        let sha: String = row["sha256"]
        let original = RawPath(bytes: Array((row["original_path"] as Data?) ?? Data()))
        let name = RawPath(bytes: Array(original.lastComponent))
        let dev = UInt64(bitPattern: row["original_dev"] as Int64)
        let ino = UInt64(bitPattern: row["original_ino"] as Int64)
        func isOriginal(_ s: stat?) -> Bool { s.map { UInt64($0.st_dev) == dev && UInt64($0.st_ino) == ino } ?? false }
        // The folder the original was taken from, if it is still that folder.
        var parent: OpenDirectory?
        if let pdev = row["parent_dev"] as Int64?, let pino = row["parent_ino"] as Int64? {
            parent = QuarantineStore.verifiedFolder(original.parent, dev: pdev, ino: pino)
        }

        // Set when what the move took was not the original: then the original never left
        // (whatever else the store holds under its digest came from other entries).
        var tookSomethingElse = false

        // An original renamed into the store on its own filesystem, not yet named by its digest.
        let moving = RawPath(".moving-" + id)
        if let m = try? folder.stat(moving) {
            if isOriginal(m) && m.isRegular {
                try nameByDigest(moving, sha: sha)
                try? folder.setMode(RawPath(sha), 0o400)
                try commit(id)
                result.rolledForward += 1
                return true
            }
            guard let parent, putBack(from: folder, moving, to: parent, name, id: id) != nil else {
                result.unsettled.append("\(directory)/\(moving): an entry swapped in while \(original) was quarantined; its folder cannot be verified, so it stays")
                return false
            }
            result.returned += 1
            tookSomethingElse = true
        }

        // An original parked in a staging folder on its own filesystem.
        if let stagePath = row["stage_path"] as Data?, let sdev = row["stage_dev"] as Int64?, let sino = row["stage_ino"] as Int64?,
           let place = QuarantineStore.verifiedFolder(RawPath(bytes: Array(stagePath)), dev: sdev, ino: sino) {
            let stageName = RawPath(".vigil-stage-" + id)
            if let stage = try? place.openChild(stageName, sameMount: true), let stageStat = try? stage.stat(),
               stageStat.st_uid == geteuid(), stageStat.st_mode & 0o777 == 0o700 {
                let parked = RawPath("f")
                if let f = try? stage.stat(parked) {
                    if isOriginal(f) && (try? folder.stat(RawPath(sha))) != nil {
                        try? stage.remove(parked) // its bytes are stored
                    } else if let parent, putBack(from: stage, parked, to: parent, name, id: id) != nil {
                        if !isOriginal(f) {
                            result.returned += 1
                            tookSomethingElse = true
                        }
                    } else {
                        result.unsettled.append("\(stage.currentPath)/f: parked while \(original) was quarantined; its folder cannot be verified, so it stays")
                        return false
                    }
                }
                QuarantineStore.removeStage(stageName, stage: stageStat, in: place)
            }
        }

        // Decide from what exists now. Only a lookup (never an action) goes by path for
        // rows recorded before folders were: at worst it picks the other outcome, and both
        // only touch the store.
        let originalThere: Bool
        if let parent {
            originalThere = isOriginal(try? parent.stat(name))
        } else {
            var st = stat()
            originalThere = (try? original.withCString { p throws(Errno) in try sysCall { lstat(p, &st) } }) != nil && isOriginal(st)
        }
        let stored = try? folder.stat(RawPath(sha))
        if originalThere || stored == nil || tookSomethingElse {
            try writeSealed { db in
                try db.execute(sql: "DELETE FROM entries WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM moves WHERE id = ?", arguments: [id])
            }
            // A copy nobody else refers to goes too; a stored original never does.
            if let stored, !isOriginal(stored) { try removeStoredIfUnreferenced(sha) }
            result.rolledBack += 1
        } else {
            try commit(id)
            try? folder.setMode(RawPath(sha), 0o400)
            result.rolledForward += 1
        }
        return true
    }

    /// The folder at `path`, opened without links, if it is still the one recorded.
    static func verifiedFolder(_ path: RawPath, dev: Int64, ino: Int64) -> OpenDirectory? {
        guard let d = try? openDirectory(path), let st = try? d.stat(),
              UInt64(st.st_dev) == UInt64(bitPattern: dev), UInt64(st.st_ino) == UInt64(bitPattern: ino) else { return nil }
        return d
    }

    /// The names in the store folder (read through a fresh open of the held folder).
    func entryNames() -> [String] {
        guard let fd = try? sysCall({ openat(folder.fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) }),
              let reader = try? DirectoryReader(adopting: fd) else { return [] }
        return reader.all().map(\.text)
    }
}
